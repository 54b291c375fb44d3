/** Runnable case studies: each main mirrors a YAML spec in {@code examples/}. */
package org.dl4jtuner.examples;
