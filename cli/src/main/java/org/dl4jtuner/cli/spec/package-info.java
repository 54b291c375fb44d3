/** The YAML study spec of {@code dl4j-tuner run}: records, parsing and validation. */
package org.dl4jtuner.cli.spec;
