package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.dl4jtuner.cli.PersistentStudyTest.Result;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one case a row: malformed and impossible specs, bad CSV cells, missing, foreign,
 * empty, damaged and read-only files, unreachable servers and bad flags. Every case must exit
 * with status 2, print a message that names what is wrong (the field, flag or file, and the
 * value), print no stack trace, and leave every database in its folder byte for byte as it was.
 *
 * <p>Each case runs in a fresh folder holding {@code points.csv} (a good CSV) and
 * {@code studies.db} (a real study database with one complete trial of study {@code fixture}).
 */
class BadInputTest {
    @TempDir
    static Path fixtures;
    @TempDir
    Path dir;

    private static byte[] studyDb;

    /** One bad input: what to set up and run in a folder, and what the message must contain. */
    record Case(String name, Function<Path, String[]> setUp, List<String> named, boolean needsPermissions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String SPEC = """
            study: {name: probe, trials: 1, seed: 5, storage: "sqlite:studies.db"}
            sampler: random
            pruner: {type: none, max_epochs: 1}
            data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
            model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: 8, batch_size: 16}}
            """;

    /** A study database as {@code run} leaves it (written through the storage, without training a network). */
    @BeforeAll
    static void aRealStudyDatabase() throws IOException {
        PersistentStudyTest.csv(fixtures, 150, 4);
        Path db = fixtures.resolve("studies.db");
        try (Storage storage = SqliteStorage.open(db)) {
            Study study = Study.builder().name("fixture").direction(Direction.MAXIMIZE).seed(5).storage(storage).build();
            study.optimize(trial -> {
                trial.setSystemAttr("model_file", fixtures.resolve("studies-artifacts/fixture-1/trial-0.zip").toString());
                return trial.suggestFloat("learning_rate", 0.001, 0.03);
            }, 1);
        }
        studyDb = Files.readAllBytes(db);
    }

    private static Case spec(String name, String yaml, String... named) {
        return new Case(name, d -> new String[] {"run", write(d.resolve("spec.yaml"), yaml), "--no-baseline"},
                List.of(named), false);
    }

    /** The good spec with {@code from} replaced by {@code to} (which must occur). */
    private static Case edit(String name, String from, String to, String... named) {
        if (!SPEC.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return spec(name, SPEC.replace(from, to), named);
    }

    /** The good spec over a CSV with these contents. */
    private static Case csv(String name, String contents, String... named) {
        return new Case(name, d -> {
            write(d.resolve("bad.csv"), contents);
            return new String[] {"run", write(d.resolve("spec.yaml"), SPEC.replace("points.csv", "bad.csv")),
                "--no-baseline"};
        }, List.of(named), false);
    }

    private static Case command(String name, Function<Path, String[]> setUp, String... named) {
        return new Case(name, setUp, List.of(named), false);
    }

    private static Case flags(String name, String... flagsAndNamed) {
        int split = List.of(flagsAndNamed).indexOf("=>");
        List<String> flags = List.of(flagsAndNamed).subList(0, split);
        List<String> named = List.of(flagsAndNamed).subList(split + 1, flagsAndNamed.length);
        return new Case(name, d -> {
            List<String> args = new ArrayList<>(List.of("run", write(d.resolve("spec.yaml"), SPEC), "--no-baseline"));
            args.addAll(flags);
            return args.toArray(String[]::new);
        }, named, false);
    }

    static String write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bytes(Path file, byte[] content) {
        try {
            return Files.write(file, content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SQLite database of another program. */
    private static String foreignSqlite(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
            s.executeUpdate("INSERT INTO invoices (total) VALUES (12.5)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return file.toString();
    }

    /** An SQLite database with no tables at all. */
    private static String tablelessSqlite(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 3");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return file.toString();
    }

    /** The 9-level "billion laughs" bomb, under a key whose value the parser would show in an error. */
    static String aliasBomb(int levels) {
        StringBuilder b = new StringBuilder("model:\n  type: mlp\n  space:\n    units:\n      - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < levels; i++) {
            String a = "*l" + (i - 1);
            b.append("      - &l").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, a)))
                    .append("]\n");
        }
        return SPEC.replaceAll("(?s)model:.*", "") + b;
    }

    static Stream<Case> cases() {
        String postgres = "postgresql://u:p@127.0.0.1:1/db";
        return Stream.of(
                // malformed YAML
                spec("unclosed flow map", SPEC.replace("seed: 5, storage", "seed: 5 storage").replace("\"sqlite:studies.db\"}", "\"sqlite:studies.db\""),
                        "spec.yaml", "line"),
                spec("tab indentation", "study:\n\tname: x\n" + SPEC.substring(SPEC.indexOf("sampler")), "spec.yaml", "line 2"),
                spec("duplicate key", SPEC + "sampler: tpe\n", "spec.yaml", "sampler"),
                spec("empty spec", "", "spec.yaml", "empty"),
                spec("a list at the top", "- study\n- data\n", "spec.yaml", "expected a map"),
                spec("alias bomb", aliasBomb(9), "spec.yaml", "alias"),
                spec("alias bomb within the alias limit", aliasBomb(5), "spec.yaml", "model.space.units"),
                spec("recursive alias", SPEC.replace("units: 8", "units: &u [1, *u]"), "spec.yaml", "recursive"),
                // wrong types
                edit("trials is text", "trials: 1", "trials: many", "study.trials", "many"),
                edit("seed is a float", "seed: 5", "seed: 1.5", "study.seed", "1.5"),
                edit("validation is text", "validation: 0.25", "validation: lots", "data.validation", "lots"),
                edit("model is a string", "model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: 8, batch_size: 16}}",
                        "model: mlp", "model", "mlp"),
                edit("time limit 5x", "trials: 1,", "trials: 1, time_limit: 5x,", "time_limit", "5x"),
                // impossible ranges
                edit("log_uniform low above high", "[0.001, 0.03]", "[0.03, 0.001]", "learning_rate", "0.03"),
                edit("log_uniform of zero", "[0.001, 0.03]", "[0, 0.03]", "learning_rate", "0"),
                edit("int range reversed", "units: 8", "units: {int: [16, 4]}", "units", "16"),
                edit("validation above one", "validation: 0.25", "validation: 1.5", "data.validation", "1.5"),
                edit("validation and test take everything", "test: 0.25", "test: 0.75", "data", "0.75"),
                edit("negative trials", "trials: 1", "trials: -3", "study.trials", "-3"),
                edit("parallel zero", "trials: 1,", "trials: 1, parallel: 0,", "study.parallel", "0"),
                edit("max_epochs zero", "max_epochs: 1", "max_epochs: 0", "max_epochs", "0"),
                edit("folds one", "test: 0.25}", "test: 0.25, folds: 1}", "data.folds", "1"),
                edit("empty choice", "units: 8", "units: {choice: []}", "units"),
                // unknown keys and names
                spec("unknown top-level key", SPEC + "modle: {}\n", "modle", "model"),
                edit("unknown study key", "trials: 1", "trails: 1", "trails", "trials"),
                edit("unknown space key", "units: 8", "unitz: 8", "unitz"),
                edit("bad metric", "seed: 5,", "seed: 5, metric: accuracyy,", "study.metric", "accuracyy",
                        "did you mean 'accuracy'"),
                edit("regression metric on classes", "seed: 5,", "seed: 5, metric: rmse,", "rmse"),
                edit("unknown sampler", "sampler: random", "sampler: bogus", "sampler", "bogus"),
                edit("unknown pruner", "type: none", "type: sometimes", "pruner", "sometimes"),
                edit("unknown model type", "type: mlp", "type: transformer", "model.type", "transformer"),
                edit("unknown data type", "type: csv", "type: parquet", "data.type", "parquet"),
                // bad CSV cells
                csv("text in a numeric column", "f0,f1,kind\n1,2,a\nabc,3,b\n4,5,a\n", "bad.csv", "line 3", "'abc' is not a number"),
                csv("empty cell", "f0,f1,kind\n1,2,a\n,3,b\n4,5,a\n", "bad.csv", "line 3", "missing value"),
                csv("1e308", "f0,f1,kind\n1,2,a\n1e308,3,b\n4,5,a\n", "bad.csv", "'1e308' is out of float range"),
                csv("ragged row", "f0,f1,kind\n1,2,a\n3,b\n4,5,a\n", "bad.csv", "line 3"),
                csv("unknown label column", "f0,f1,type\n1,2,a\n3,4,b\n", "kind", "type"),
                csv("header only", "f0,f1,kind\n", "bad.csv"),
                // missing and foreign files
                command("spec file missing", d -> new String[] {"run", d.resolve("nowhere.yaml").toString()}, "nowhere.yaml"),
                command("spec is a folder", d -> new String[] {"run", d.toString()}, d0(), "folder"),
                edit("data file missing", "points.csv", "missing.csv", "missing.csv"),
                edit("data path an hdfs URL, which only SparkStudy reads", "path: points.csv",
                        "path: 'hdfs://namenode:8020/data/points.csv'", "data.path", "hdfs://namenode:8020/data/points.csv",
                        "SparkStudy"),
                command("data path is a folder", d -> {
                    write(d.resolve("afolder.csv/x"), "");
                    return new String[] {"run", write(d.resolve("spec.yaml"), SPEC.replace("points.csv", "afolder.csv")),
                        "--no-baseline"};
                }, "afolder.csv"),
                command("fashion-mnist path is an empty folder", d -> {
                    write(d.resolve("empty/.keep"), "");
                    return new String[] {"run", write(d.resolve("spec.yaml"), SPEC.replace(
                            "{type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}",
                            "{type: fashion-mnist, path: empty}")), "--no-baseline"};
                }, "data.path", "empty", "train-images-idx3-ubyte"),
                command("idx path is an empty folder", d -> {
                    write(d.resolve("idx/.keep"), "");
                    return new String[] {"run", write(d.resolve("spec.yaml"), SPEC.replace(
                            "{type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}",
                            "{type: idx, path: idx}")), "--no-baseline"};
                }, "data.path", "idx"),
                command("images folder empty", d -> {
                    write(d.resolve("pictures/.keep"), "");
                    return new String[] {"run", write(d.resolve("spec.yaml"), SPEC.replace(
                            "{type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}",
                            "{type: images, path: pictures, height: 8, width: 8, channels: 1}")
                            .replace("type: mlp", "type: cnn")), "--no-baseline"};
                }, "pictures"),
                edit("custom class missing", "type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: 8, batch_size: 16}",
                        "type: custom, class: com.acme.Missing, space: {learning_rate: 0.01}", "com.acme.Missing"),
                // storage: foreign, garbage, empty, unreachable, read-only
                command("run on a foreign SQLite file", d -> new String[] {"run", write(d.resolve("spec.yaml"), SPEC),
                    "--no-baseline", "--storage", "sqlite:" + foreignSqlite(d.resolve("shop.db"))}, "shop.db", "invoices"),
                command("run on a garbage file", d -> new String[] {"run", write(d.resolve("spec.yaml"), SPEC),
                    "--no-baseline", "--storage", "sqlite:" + bytes(d.resolve("junk.db"), "not a database at all".getBytes(
                            StandardCharsets.US_ASCII))}, "junk.db", "not an SQLite database"),
                command("run on a folder as database", d -> new String[] {"run", write(d.resolve("spec.yaml"), SPEC),
                    "--no-baseline", "--storage", "sqlite:" + d}, "is a directory"),
                command("run on unreachable PostgreSQL", d -> new String[] {"run", write(d.resolve("spec.yaml"), SPEC),
                    "--no-baseline", "--storage", postgres}, "127.0.0.1:1"),
                command("run on an unknown storage scheme", d -> new String[] {"run", write(d.resolve("spec.yaml"), SPEC),
                    "--no-baseline", "--storage", "mysql://x/y"}, "mysql://x/y"),
                command("run on a mistyped sqlite scheme", d -> new String[] {"run", write(d.resolve("spec.yaml"), SPEC),
                    "--no-baseline", "--storage", "sqlit:" + d.resolve("typo.db")}, "sqlit:", "sqlite:PATH"),
                command("trials on a mistyped sqlite scheme", d -> new String[] {"trials", "--storage",
                    "sqlit:" + d.resolve("studies.db")}, "sqlit:", "sqlite:PATH"),
                command("best --export to a folder", d -> new String[] {"best", "--storage", "sqlite:" + d.resolve("studies.db"),
                    "--export", folder(d.resolve("out"))}, "--export", "out", "is a folder"),
                command("report --html to an empty folder", d -> new String[] {"report", "--storage",
                    "sqlite:" + d.resolve("studies.db"), "--html", folder(d.resolve("report"))}, "--html", "report", "is a folder"),
                command("report --csv to a folder", d -> new String[] {"report", "--storage",
                    "sqlite:" + d.resolve("studies.db"), "--csv", folder(d.resolve("table"))}, "--csv", "table", "is a folder"),
                command("export-curves to a folder", d -> new String[] {"export-curves", "--storage",
                    "sqlite:" + d.resolve("studies.db"), folder(d.resolve("curves"))}, "curves", "is a folder"),
                command("trials on a zero-byte file", d -> new String[] {"trials", "--storage",
                    "sqlite:" + bytes(d.resolve("zero.db"), new byte[0])}, "zero.db", "empty file"),
                command("trials on a garbage file", d -> new String[] {"trials", "--storage",
                    "sqlite:" + bytes(d.resolve("junk.db"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})},
                        "junk.db", "not an SQLite database"),
                command("trials on a foreign SQLite file", d -> new String[] {"trials", "--storage",
                    "sqlite:" + foreignSqlite(d.resolve("shop.db"))}, "shop.db", "another program"),
                command("trials on an SQLite file without tables", d -> new String[] {"trials", "--storage",
                    "sqlite:" + tablelessSqlite(d.resolve("bare.db"))}, "bare.db", "not a dl4j-tuner database"),
                command("trials on a missing file", d -> new String[] {"trials", "--storage",
                    "sqlite:" + d.resolve("absent.db")}, "absent.db"),
                command("trials of an unknown study", d -> new String[] {"trials", "--storage",
                    "sqlite:" + d.resolve("studies.db"), "--study", "nosuch"}, "nosuch", "fixture"),
                command("best on unreachable PostgreSQL", d -> new String[] {"best", "--storage", postgres}, "127.0.0.1:1"),
                command("report on memory", d -> new String[] {"report", "--storage", "memory", "--csv",
                    d.resolve("t.csv").toString()}, "memory"),
                command("best --export of a study with another study's file", BadInputTest::foreignModelFile,
                        "--export", "trial-0.zip", "fixture"),
                command("best --export of a network a Java program kept in a folder of no study",
                        d -> modelFileAt(d, "own-networks/trial-0.zip"), "--export", "artifacts(DIR)",
                        "own-networks/fixture-1"),
                command("dashboard on an unknown host", d -> new String[] {"dashboard", "--storage",
                    "sqlite:" + d.resolve("studies.db"), "--host", "no.such.host", "--port", "0"}, "--host", "no.such.host"),
                command("dashboard on a port out of range", d -> new String[] {"dashboard", "--storage",
                    "sqlite:" + d.resolve("studies.db"), "--port", "70000"}, "--port", "70000"),
                new Case("run on a read-only database file", d -> {
                    readOnly(d.resolve("studies.db"));
                    return new String[] {"run", write(d.resolve("spec.yaml"), SPEC.replace("name: probe", "name: fixture")),
                        "--no-baseline", "--trials", "2"};
                }, List.of("studies.db", "read-only"), true),
                new Case("run in a read-only folder", d -> {
                    String spec = write(d.resolve("spec.yaml"), SPEC.replace("name: probe", "name: fixture"));
                    readOnly(d.resolve("studies.db"));
                    readOnly(d);
                    return new String[] {"run", spec, "--no-baseline", "--trials", "2"};
                }, List.of(d0(), "read-only"), true),
                // bad flags
                flags("--trials abc", "--trials", "abc", "=>", "--trials", "abc"),
                flags("--trials -1", "--trials", "-1", "=>", "--trials", "-1"),
                flags("--parallel 0", "--parallel", "0", "=>", "--parallel", "0"),
                flags("--max-epochs 0", "--max-epochs", "0", "=>", "--max-epochs", "0"),
                flags("--trial-timeout 5x", "--trial-timeout", "5x", "=>", "--trial-timeout", "5x"),
                flags("--max-failures -1", "--max-failures", "-1", "=>", "--max-failures", "-1"),
                flags("--progress sideways", "--progress", "sideways", "=>", "--progress", "sideways"),
                flags("unknown flag", "--bogus", "=>", "--bogus"),
                flags("--seed text", "--seed", "xyz", "=>", "--seed", "xyz"),
                flags("empty --study", "--study", "", "=>", "--study"),
                command("plan with eta 1", d -> new String[] {"plan", "--max-resource", "81", "--eta", "1"}, "eta", "1"));
    }

    /** An empty folder, where a command is (wrongly) asked to write a file. */
    private static String folder(Path path) {
        try {
            return Files.createDirectories(path).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Placeholder for "the case's own folder" in the names a message must contain. */
    private static String d0() {
        return "{dir}";
    }

    /** A study whose best trial's stored model_file is another study's network. */
    private static String[] foreignModelFile(Path d) {
        return modelFileAt(d, "studies-artifacts/other-9/trial-0.zip");
    }

    /** {@code best --export} of a study whose best trial's stored model_file is the file {@code d/relative}. */
    private static String[] modelFileAt(Path d, String relative) {
        Path db = d.resolve("studies.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE trial_system_attrs SET value_json = '\"" + d.resolve(relative)
                    + "\"' WHERE key = 'model_file'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        write(d.resolve(relative), "a network in a folder not of this study");
        return new String[] {"best", "--storage", "sqlite:" + db, "--export", d.resolve("out.zip").toString()};
    }

    private static final List<Path> READ_ONLY = new java.util.ArrayList<>();

    /**
     * Makes a file or folder read-only for this process: by permissions for a normal user, and as
     * root (whom permissions do not stop) with the immutable attribute, which stops root too.
     */
    static void readOnly(Path path) {
        if (!"root".equals(System.getProperty("user.name"))) {
            path.toFile().setWritable(false);
            READ_ONLY.add(path);
            return;
        }
        int code;
        try {
            code = new ProcessBuilder("chattr", "+i", path.toString()).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            code = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(code == 0, "chattr +i works on this file system, so root"
                + " can be shown a read-only file");
        READ_ONLY.add(path);
    }

    private static void writableAgain() throws IOException {
        for (Path path : READ_ONLY) {
            if ("root".equals(System.getProperty("user.name"))) {
                try {
                    new ProcessBuilder("chattr", "-i", path.toString()).redirectErrorStream(true).start().waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                path.toFile().setWritable(true);
            }
        }
        READ_ONLY.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithStatus2NamingTheCulpritWithoutStackTraceOrWrites(Case c) throws IOException {
        Files.write(dir.resolve("studies.db"), studyDb);
        Files.copy(fixtures.resolve("points.csv"), dir.resolve("points.csv"));
        Map<Path, byte[]> before;
        Instant start;
        Result r;
        try {
            String[] args = c.setUp().apply(dir);
            before = databases();
            start = Instant.now();
            r = PersistentStudyTest.run(args);
        } finally {
            writableAgain();
        }
        Duration took = Duration.between(start, Instant.now());
        String all = r.out() + r.err();
        assertEquals(2, r.code(), c + ":\n" + all);
        for (String name : c.named()) {
            String expected = name.equals(d0()) ? dir.toString() : name;
            assertTrue(r.err().contains(expected), c + ": the message names '" + expected + "':\n" + r.err());
        }
        assertFalse(all.lines().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception:")),
                c + ": no stack trace:\n" + all);
        assertTrue(r.err().lines().allMatch(l -> l.length() <= Main.MAX_MESSAGE + 100),
                c + ": every line is bounded: " + r.err().length() + " characters");
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, c + " took " + took);
        Map<Path, byte[]> after = databases();
        assertEquals(before.keySet(), after.keySet(), c + ": no database file is created or removed");
        before.forEach((file, content) -> assertArrayEquals(content, after.get(file), c + ": " + file + " is unchanged"));
        assertFalse(Files.exists(Path.of("sqlit:" + dir.resolve("typo.db"))), c + ": nothing is created for a mistyped URL");
    }


    /** Every database-like file in the case's folder, with its bytes. */
    private Map<Path, byte[]> databases() throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.sorted().toList()) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(".db") || n.endsWith(".sqlite"))) {
                    files.put(p, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }
}
