package org.dl4jtuner.datasets.tools;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.dl4jtuner.datasets.IdxReader;
import org.dl4jtuner.datasets.LabeledData;

/**
 * Writes the bundled Fashion-MNIST subset: the first {@code perClass} images of each class in a
 * seeded shuffle of the training set, and likewise for the test set, as IDX .gz files in the
 * original order of the chosen images.
 *
 * <pre>
 * java -cp ... org.dl4jtuner.datasets.tools.MakeFashionSubset /usr/share/datasets/fashion-mnist OUT_DIR 500 100 2026
 * </pre>
 */
public final class MakeFashionSubset {
    private MakeFashionSubset() {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int trainPerClass = Integer.parseInt(args[2]);
        int testPerClass = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        Files.createDirectories(out);
        write(in, out, "train", trainPerClass, seed);
        write(in, out, "t10k", testPerClass, seed);
    }

    private static void write(Path in, Path out, String prefix, int perClass, long seed) throws IOException {
        IdxReader.Idx images = IdxReader.read(in.resolve(prefix + "-images-idx3-ubyte.gz"));
        IdxReader.Idx labels = IdxReader.read(in.resolve(prefix + "-labels-idx1-ubyte.gz"));
        int n = labels.count();
        int[] order = LabeledData.permutation(n, seed);
        int[] taken = new int[10];
        List<Integer> chosen = new ArrayList<>();
        for (int i : order) {
            int label = labels.values()[i] & 0xff;
            if (taken[label] < perClass) {
                taken[label]++;
                chosen.add(i);
            }
        }
        chosen.sort(null);
        int size = images.itemSize();
        byte[] imageBytes = new byte[chosen.size() * size];
        byte[] labelBytes = new byte[chosen.size()];
        for (int k = 0; k < chosen.size(); k++) {
            System.arraycopy(images.values(), chosen.get(k) * size, imageBytes, k * size, size);
            labelBytes[k] = labels.values()[chosen.get(k)];
        }
        writeIdx(out.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803,
                new int[] {chosen.size(), images.dims()[1], images.dims()[2]}, imageBytes);
        writeIdx(out.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {chosen.size()}, labelBytes);
    }

    /** Writes an IDX file of unsigned bytes, gzip-compressed. */
    public static void writeIdx(Path file, int magic, int[] dims, byte[] values) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream data = new DataOutputStream(new GZIPOutputStream(raw))) {
            data.writeInt(magic);
            for (int d : dims) {
                data.writeInt(d);
            }
            data.write(values);
        }
    }
}
