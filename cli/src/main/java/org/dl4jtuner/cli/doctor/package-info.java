/**
 * {@code dl4j-tuner doctor}: whether this machine is ready for a study, with the fix for each problem.
 * The backend report and the meaning of {@code parallel: auto} come from the gpu-config module;
 * datasets, storage, Chromium and a short training probe are checked here, each by the code the
 * rest of the tool uses (the datasets module's Fashion-MNIST lookup, the storage module's
 * {@code Storages.openReadOnly}, a built-in network of the models module).
 */
package org.dl4jtuner.cli.doctor;
