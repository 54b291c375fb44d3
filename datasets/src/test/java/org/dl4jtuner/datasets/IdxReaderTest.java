package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static byte[] idx(int magic, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(values);
        return bytes.toByteArray();
    }

    @Test
    void rawAndGzipFilesReadTheSame(@TempDir Path dir) throws IOException {
        byte[] values = {0, 1, 2, (byte) 200, 4, 5};
        Path raw = Files.write(dir.resolve("raw"), idx(0x803, new int[] {1, 2, 3}, values));
        Path gz = dir.resolve("gz.gz");
        org.dl4jtuner.datasets.tools.MakeFashionSubset.writeIdx(gz, 0x803, new int[] {1, 2, 3}, values);
        IdxReader.Idx a = IdxReader.read(raw);
        IdxReader.Idx b = IdxReader.read(gz);
        assertArrayEquals(new int[] {1, 2, 3}, a.dims());
        assertArrayEquals(values, a.values());
        assertArrayEquals(a.values(), b.values());
        assertEquals(6, a.itemSize());
    }

    @Test
    void aWrongMagicNumberNamesTheFile(@TempDir Path dir) throws IOException {
        Path bad = Files.write(dir.resolve("bad.idx"), idx(0x0d03, new int[] {1}, new byte[] {1}));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(bad));
        assertTrue(e.getMessage().contains("bad.idx is not an IDX file of unsigned bytes: magic number 0xd03"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsReported(@TempDir Path dir) throws IOException {
        Path cut = Files.write(dir.resolve("cut"), idx(0x801, new int[] {10}, new byte[] {1, 2}));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
