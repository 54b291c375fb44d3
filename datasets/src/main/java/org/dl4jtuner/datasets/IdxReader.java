package org.dl4jtuner.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-format IDX files of unsigned bytes (images: magic 0x803, labels: magic 0x801), raw
 * or gzip-compressed (detected from the first two bytes).
 */
public final class IdxReader {
    private IdxReader() {
    }

    /**
     * The contents of an IDX file of unsigned bytes.
     *
     * @param dims   the dimensions, e.g. {60000, 28, 28}
     * @param values the values, row-major, each in 0..255
     */
    public record Idx(int[] dims, byte[] values) {
        /** The number of items (the first dimension). */
        public int count() {
            return dims[0];
        }

        /** Values per item (the product of the other dimensions). */
        public int itemSize() {
            int size = 1;
            for (int i = 1; i < dims.length; i++) {
                size *= dims[i];
            }
            return size;
        }
    }

    /** Reads a file; IOException naming the file if it is not IDX of unsigned bytes. */
    public static Idx read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads from a stream (raw or gzip); {@code name} appears in error messages. */
    public static Idx read(InputStream raw, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        int type = (magic >> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || type != 0x08 || rank < 1 || rank > 4) {
            throw new IOException(name + " is not an IDX file of unsigned bytes: magic number 0x"
                    + Integer.toHexString(magic) + ", expected 0x801 (labels) or 0x803 (images)");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = data.readInt();
            if (dims[i] < 0) {
                throw new IOException(name + ": dimension " + i + " is negative (" + dims[i] + ")");
            }
            total *= dims[i];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException(name + ": " + total + " values are too many for one array");
        }
        byte[] values = new byte[(int) total];
        try {
            data.readFully(values);
        } catch (EOFException e) {
            throw new IOException(name + " is truncated: its header promises " + total + " values", e);
        }
        return new Idx(dims, values);
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("IDX file " + file + " does not exist");
        }
        return Files.newInputStream(file);
    }
}
