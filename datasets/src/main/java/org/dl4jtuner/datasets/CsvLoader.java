package org.dl4jtuner.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

/**
 * Reads a CSV file with DataVec's {@link CSVRecordReader}: one example per row, numeric
 * features, and a label column given by name (with a header line) or by 0-based index. For
 * classification, labels may be strings or numbers; classes are their distinct values in sorted
 * order. Missing or non-numeric feature values are reported with their row and column. Lines
 * before the header (or the first row), such as the size line of scikit-learn's bundled files, can
 * be skipped ({@link Builder#skipLines}).
 *
 * <pre>{@code
 * LabeledData data = CsvLoader.builder(Path.of("iris.csv")).label("species").build().load();
 * }</pre>
 */
public final class CsvLoader {
    private static final int MAX_REPORTED = 5;
    private final Path path;
    private final boolean header;
    private final int skipLines;
    private final char delimiter;
    private final String labelName;
    private final Integer labelIndex;
    private final Task task;

    private CsvLoader(Builder b) {
        this.path = b.path;
        this.header = b.header;
        this.skipLines = b.skipLines;
        this.delimiter = b.delimiter;
        this.labelName = b.labelName;
        this.labelIndex = b.labelIndex;
        this.task = b.task;
    }

    /** A builder for the file at {@code path}. */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** Reads the file. */
    public LabeledData load() throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("CSV file " + path + " does not exist");
        }
        List<String> columns = header ? headerOf() : List.of();
        List<List<Writable>> rows = new ArrayList<>();
        try (CSVRecordReader reader = new CSVRecordReader(skipLines + (header ? 1 : 0), delimiter)) {
            reader.initialize(new FileSplit(path.toFile()));
            while (reader.hasNext()) {
                rows.add(reader.next());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + path, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + " has no data rows");
        }
        int width = rows.get(0).size();
        if (columns.isEmpty()) {
            columns = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                columns.add("column " + c);
            }
        }
        int label = labelColumn(columns);
        return toData(rows, columns, label);
    }

    private List<String> headerOf() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            for (int skipped = 0; skipped < skipLines && line != null; skipped++) {
                line = reader.readLine();
            }
            if (line == null) {
                throw new IllegalArgumentException(path + " has no header line" + (skipLines > 0 ? " after the "
                        + skipLines + " skipped" : ""));
            }
            List<String> names = new ArrayList<>();
            for (String name : line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1)) {
                names.add(name.trim().replaceAll("^\"|\"$", ""));
            }
            return names;
        }
    }

    private int labelColumn(List<String> columns) {
        if (labelName != null) {
            int index = columns.indexOf(labelName);
            if (index < 0) {
                throw new IllegalArgumentException("label column '" + labelName + "' not found in the header of " + path
                        + ": " + columns);
            }
            return index;
        }
        if (labelIndex == null || labelIndex < 0 || labelIndex >= columns.size()) {
            throw new IllegalArgumentException("label index must be in 0.." + (columns.size() - 1) + " for " + path
                    + ", but got " + labelIndex);
        }
        return labelIndex;
    }

    private LabeledData toData(List<List<Writable>> rows, List<String> columns, int label) {
        int width = columns.size();
        int n = rows.size();
        int d = width - 1;
        float[] features = new float[n * d];
        String[] rawLabels = new String[n];
        List<String> problems = new ArrayList<>();
        int problemCount = 0;
        for (int r = 0; r < n; r++) {
            List<Writable> row = rows.get(r);
            int line = lineOf(r);
            if (row.size() != width) {
                throw new IllegalArgumentException(path + " line " + line + " has " + row.size() + " values, but the "
                        + (header ? "header has " : "first row has ") + width);
            }
            int f = 0;
            for (int c = 0; c < width; c++) {
                String text = row.get(c).toString().trim();
                if (c == label) {
                    rawLabels[r] = text;
                    if (text.isEmpty()) {
                        problemCount++;
                        addProblem(problems, "line " + line + ", column '" + columns.get(c) + "': missing label");
                    }
                    continue;
                }
                String problem = text.isEmpty() ? "missing value" : unfit(text);
                if (problem == null) {
                    features[r * d + f] = Float.parseFloat(text);
                } else {
                    problemCount++;
                    addProblem(problems, "line " + line + ", column '" + columns.get(c) + "': " + problem);
                }
                f++;
            }
        }
        if (problemCount > 0) {
            throw new IllegalArgumentException(path + " has " + problemCount + " missing, non-numeric or out-of-range value"
                    + (problemCount > 1 ? "s" : "") + ": " + String.join("; ", problems)
                    + (problemCount > problems.size() ? "; ..." : ""));
        }
        int[] shape = {d};
        if (task == Task.REGRESSION) {
            float[] targets = new float[n];
            for (int r = 0; r < n; r++) {
                String problem = unfit(rawLabels[r]);
                if (problem != null) {
                    throw new IllegalArgumentException(path + " line " + lineOf(r) + ", column '"
                            + columns.get(label) + "': regression label " + problem);
                }
                targets[r] = Float.parseFloat(rawLabels[r]);
            }
            return new LabeledData(LabeledData.matrix(features, n, d), LabeledData.matrix(targets, n, 1), shape,
                    Task.REGRESSION, List.of());
        }
        List<String> classes = classesOf(rawLabels);
        float[] oneHot = new float[n * classes.size()];
        for (int r = 0; r < n; r++) {
            oneHot[r * classes.size() + classes.indexOf(rawLabels[r])] = 1f;
        }
        return new LabeledData(LabeledData.matrix(features, n, d), LabeledData.matrix(oneHot, n, classes.size()), shape,
                Task.CLASSIFICATION, classes);
    }

    /** The 1-based line of data row {@code row} (0-based) in the file. */
    private int lineOf(int row) {
        return row + 1 + skipLines + (header ? 1 : 0);
    }

    /**
     * Why {@code text} cannot be a feature or target (a finite 32-bit float), or null when it can:
     * "'abc' is not a number", "'1e308' is out of float range (about -3.4e38 to 3.4e38)", "'NaN' is not finite".
     */
    static String unfit(String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return "'" + text + "' is not a number";
        }
        if (!Double.isFinite(value)) {
            return "'" + text + "' is not finite";
        }
        if (Math.abs(value) > Float.MAX_VALUE) {
            return "'" + text + "' is out of float range (about -3.4e38 to 3.4e38)";
        }
        return null;
    }

    private static void addProblem(List<String> problems, String problem) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(problem);
        }
    }

    /** Distinct labels, numerically sorted if all are numbers, else alphabetically. */
    private static List<String> classesOf(String[] labels) {
        boolean numeric = Arrays.stream(labels).allMatch(s -> s.matches("-?\\d+(\\.\\d+)?"));
        TreeSet<String> set = numeric ? new TreeSet<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                : new TreeSet<>();
        set.addAll(Arrays.asList(labels));
        if (set.size() < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, but the label column holds "
                    + set);
        }
        return new ArrayList<>(set);
    }

    /** Builder of a {@link CsvLoader}. */
    public static final class Builder {
        private final Path path;
        private boolean header = true;
        private int skipLines;
        private char delimiter = ',';
        private String labelName;
        private Integer labelIndex;
        private Task task = Task.CLASSIFICATION;

        private Builder(Path path) {
            this.path = path;
        }

        /** Whether the first line names the columns (default true). */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** Lines to skip before the header, or before the first row without one (default 0). */
        public Builder skipLines(int lines) {
            if (lines < 0) {
                throw new IllegalArgumentException("skipLines >= 0 must hold, but got skipLines=" + lines);
            }
            this.skipLines = lines;
            return this;
        }

        /** The field delimiter (default ','). */
        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /** The label column by header name. */
        public Builder label(String name) {
            this.labelName = name;
            this.labelIndex = null;
            return this;
        }

        /** The label column by 0-based index. */
        public Builder labelIndex(int index) {
            this.labelIndex = index;
            this.labelName = null;
            return this;
        }

        /** Classification (default) or regression. */
        public Builder task(Task task) {
            this.task = task;
            return this;
        }

        /** Validates and builds. */
        public CsvLoader build() {
            if (labelName == null && labelIndex == null) {
                throw new IllegalArgumentException("a CSV dataset needs its label column, by name or index");
            }
            if (labelName != null && !header) {
                throw new IllegalArgumentException("label column '" + labelName + "' is a name, which needs a header line;"
                        + " give its index instead");
            }
            return new CsvLoader(this);
        }
    }

    @Override
    public String toString() {
        return "CsvLoader[" + path + ", label " + (labelName != null ? "'" + labelName + "'" : labelIndex) + ", "
                + task.name().toLowerCase(Locale.ROOT) + "]";
    }
}
