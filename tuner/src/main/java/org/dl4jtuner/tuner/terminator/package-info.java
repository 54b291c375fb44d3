/**
 * Terminators decide when a study has found about as much as it will: {@link
 * org.dl4jtuner.tuner.terminator.Terminators} builds them, and
 * {@code Study.builder().terminator(...)} asks one before each new trial. Like samplers and
 * pruners they keep no state of their own: each decides from the study's stored trials, so a
 * resumed study decides as an uninterrupted one.
 */
package org.dl4jtuner.tuner.terminator;
