/** The {@code run} command's machinery: data loading, strategies from the spec, trial lines, summary. */
package org.dl4jtuner.cli.run;
