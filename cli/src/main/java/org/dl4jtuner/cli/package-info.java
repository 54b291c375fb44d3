/** The {@code dl4j-tuner} command line: {@link org.dl4jtuner.cli.Main} and its subcommands. */
package org.dl4jtuner.cli;
