/**
 * What the machine offers a study, and where each parallel trial runs.
 *
 * <ul>
 *   <li>{@link org.dl4jtuner.gpu.BackendReport}, read by {@link org.dl4jtuner.gpu.BackendReports#read()}:
 *       CPU or CUDA, the ND4J and DL4J versions found on the class path, BLAS vendor, OpenMP threads, the
 *       CPU's instruction sets against what the native build needs, cores and memory, and on CUDA each
 *       device's name, compute capability and memory; with every problem and its fix.</li>
 *   <li>{@link org.dl4jtuner.gpu.DeviceInventory}: the devices, behind an interface so that assignment
 *       is tested with a made-up inventory ({@link org.dl4jtuner.gpu.DeviceInventory#fixed}) on a machine
 *       without a GPU; {@link org.dl4jtuner.gpu.Nd4jInventory} asks ND4J.</li>
 *   <li>{@link org.dl4jtuner.gpu.DeviceAssignment}: N parallel trials onto the devices, several per device
 *       with {@code trials_per_device}, none on a device without room; each
 *       {@link org.dl4jtuner.gpu.TrialSlot} attaches an in-process thread to its device or gives an isolated
 *       worker's environment ({@code CUDA_VISIBLE_DEVICES}, or {@code OMP_NUM_THREADS=1} on the CPU).</li>
 *   <li>{@link org.dl4jtuner.gpu.ParallelDefault}: what {@code parallel: auto} means here, with a printable reason.</li>
 * </ul>
 *
 * <p>Only {@code nd4j-api} is a compile dependency; the backend (nd4j-native, or nd4j-cuda-11.6 with
 * the {@code cuda} Maven profile) is the application's runtime dependency.
 */
package org.dl4jtuner.gpu;
