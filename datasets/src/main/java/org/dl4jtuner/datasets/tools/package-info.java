/** Maintenance tools: the command that produced the bundled Fashion-MNIST subset. */
package org.dl4jtuner.datasets.tools;
