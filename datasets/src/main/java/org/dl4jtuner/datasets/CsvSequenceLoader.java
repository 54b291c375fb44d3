package org.dl4jtuner.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.datavec.api.records.reader.impl.csv.CSVSequenceRecordReader;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.Writable;

/**
 * Reads sequences for recurrent networks in DataVec's layout: a folder {@code features/} with one
 * CSV file per sequence (one row per time step, numeric columns, no header) and a folder
 * {@code labels/} with a file of the same name holding that sequence's class label. All sequences
 * must have the same length and width. Files are taken in natural order of their names
 * (0.csv, 1.csv, ..., 10.csv).
 *
 * <pre>{@code
 * LabeledData sequences = CsvSequenceLoader.load(Path.of("synthetic-control"));
 * }</pre>
 */
public final class CsvSequenceLoader {
    private CsvSequenceLoader() {
    }

    /** Loads {@code dir/features/*} and {@code dir/labels/*}. */
    public static LabeledData load(Path dir) throws IOException {
        Path featuresDir = dir.resolve("features");
        Path labelsDir = dir.resolve("labels");
        if (!Files.isDirectory(featuresDir) || !Files.isDirectory(labelsDir)) {
            throw new IOException("a sequence folder needs the subfolders features/ and labels/, but " + dir
                    + " has " + (Files.isDirectory(featuresDir) ? "no labels/" : "no features/"));
        }
        List<Path> files = list(featuresDir);
        if (files.isEmpty()) {
            throw new IOException(featuresDir + " holds no sequence files");
        }
        Map<Path, List<List<Writable>>> sequences = new LinkedHashMap<>();
        try (CSVSequenceRecordReader reader = new CSVSequenceRecordReader(0, ",")) {
            reader.initialize(new CollectionInputSplit(files.stream().map(Path::toUri).toList()));
            for (Path file : files) {
                sequences.put(file, reader.sequenceRecord());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + featuresDir, e);
        }
        List<List<Writable>> firstSequence = sequences.get(files.get(0));
        int steps = firstSequence.size();
        int width = firstSequence.isEmpty() ? 0 : firstSequence.get(0).size();
        String[] labels = new String[files.size()];
        int i = 0;
        for (Map.Entry<Path, List<List<Writable>>> e : sequences.entrySet()) {
            List<List<Writable>> seq = e.getValue();
            if (seq.size() != steps || seq.stream().anyMatch(row -> row.size() != width)) {
                throw new IllegalArgumentException(e.getKey() + " has " + seq.size() + " time steps of varying or different"
                        + " width; every sequence must have " + steps + " steps of " + width + " values, like " + files.get(0));
            }
            Path labelFile = labelsDir.resolve(e.getKey().getFileName().toString());
            if (!Files.isRegularFile(labelFile)) {
                throw new IOException("sequence " + e.getKey() + " has no label file " + labelFile);
            }
            labels[i++] = Files.readString(labelFile).trim();
        }
        if (steps == 0 || width == 0) {
            throw new IllegalArgumentException(files.get(0) + " is empty");
        }
        float[] features = new float[files.size() * width * steps];
        int n = 0;
        for (Map.Entry<Path, List<List<Writable>>> e : sequences.entrySet()) {
            List<List<Writable>> seq = e.getValue();
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < width; f++) {
                    String text = seq.get(t).get(f).toString().trim();
                    try {
                        features[n * width * steps + f * steps + t] = Float.parseFloat(text);
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException(e.getKey() + " line " + (t + 1) + ", column " + (f + 1) + ": '"
                                + text + "' is not a number");
                    }
                }
            }
            n++;
        }
        List<String> classes = new ArrayList<>(new TreeSet<>(List.of(labels)));
        float[] oneHot = new float[files.size() * classes.size()];
        for (int k = 0; k < labels.length; k++) {
            oneHot[k * classes.size() + classes.indexOf(labels[k])] = 1f;
        }
        return new LabeledData(LabeledData.matrix(features, files.size(), width * steps),
                LabeledData.matrix(oneHot, files.size(), classes.size()), new int[] {width, steps}, Task.CLASSIFICATION,
                classes);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.comparing(CsvSequenceLoader::naturalKey)).toList();
        }
    }

    private static String naturalKey(Path p) {
        String name = p.getFileName().toString();
        String digits = name.replaceAll("\\D", "");
        return digits.isEmpty() ? name : String.format("%020d", new java.math.BigInteger(digits).min(
                java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue()) + name;
    }
}
