package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Studies in real SQLite files: resume, a SIGKILL mid-trial, refused changes, listing and export. */
class PersistentStudyTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** Three classes of noisy points in {@code features} dimensions; {@code rows} rows. */
    static Path csv(Path dir, int rows, int features) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder();
        for (int f = 0; f < features; f++) {
            csv.append("f").append(f).append(',');
        }
        csv.append("kind\n");
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            for (int f = 0; f < features; f++) {
                csv.append(String.format(Locale.ROOT, "%.4f,", (f % 3 == k ? 1.5 : 0) + random.nextGaussian()));
            }
            csv.append("k").append(k).append('\n');
        }
        return Files.writeString(dir.resolve("points.csv"), csv.toString());
    }

    static Path spec(Path dir, String name, int trials, int epochs, String units) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                study: {name: %s, trials: %d, seed: 5, storage: "sqlite:studies.db"}
                sampler: random
                pruner: {type: none, max_epochs: %d}
                data: {type: csv, path: points.csv, label: kind, validation: 0.25, test: 0.25}
                model: {type: mlp, space: {learning_rate: {log_uniform: [0.001, 0.03]}, units: %s, batch_size: 16}}
                """.formatted(name, trials, epochs, units));
    }

    private static List<FrozenTrial> trials(Path db, String study) {
        try (Storage s = SqliteStorage.open(db)) {
            return s.trials(s.findStudy(study).orElseThrow().id(), Set.of());
        }
    }

    @Test
    void aSecondRunContinuesTheStudyUpToItsTotalAndReusesTheBaseline() throws IOException {
        csv(dir, 150, 4);
        Result first = run("run", spec(dir, "cont", 2, 2, "{int: [4, 16]}").toString());
        assertEquals(0, first.code(), first.out() + first.err());
        Result second = run("run", spec(dir, "cont", 4, 2, "{int: [4, 16]}").toString());
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("resuming study 'cont'"), second.out());
        assertTrue(second.out().contains("baseline (from the study's first run)"), second.out());
        assertEquals(2, second.out().lines().filter(l -> l.startsWith("trial ")).count(), "only the 2 missing trials run");
        Result third = run("run", spec(dir, "cont", 4, 2, "{int: [4, 16]}").toString());
        assertEquals(0, third.code(), third.out() + third.err());
        assertTrue(third.out().contains("nothing to train: study 'cont' already holds 4 finished trials of the 4"),
                third.out());
        assertEquals(0, third.out().lines().filter(l -> l.startsWith("trial ")).count(), "a finished study trains nothing");
        List<FrozenTrial> all = trials(dir.resolve("studies.db"), "cont");
        assertEquals(List.of(0, 1, 2, 3), all.stream().map(FrozenTrial::number).toList());
        for (FrozenTrial t : all) {
            assertEquals(TrialState.COMPLETE, t.state());
            assertEquals(2, t.intermediateValues().size(), "every reported epoch is stored");
            assertTrue(Files.isRegularFile(Path.of((String) t.systemAttrs().get("model_file"))), "network saved");
        }
    }

    @Test
    void aResumedRunOnOtherDataSaysSoOnceTheDataDiffer() throws IOException {
        csv(dir, 150, 4);
        Path spec = spec(dir, "drift", 1, 1, "8");
        assertEquals(0, run("run", spec.toString(), "--no-baseline", "--no-isolate").code());
        Files.writeString(spec, Files.readString(spec).replace("validation: 0.25", "validation: 0.4"));
        Result other = run("run", spec.toString(), "--no-baseline", "--no-isolate", "--trials", "2");
        assertEquals(0, other.code(), other.out() + other.err());
        java.util.regex.Matcher note = java.util.regex.Pattern.compile("note: the data differ from the study's earlier"
                + " runs \\(was csv, 150 examples, 3 classes, 4 inputs, (\\d+) for training; now csv, 150 examples,"
                + " 3 classes, 4 inputs, (\\d+) for training\\)").matcher(other.out());
        assertTrue(note.find(), other.out());
        assertTrue(Integer.parseInt(note.group(1)) > Integer.parseInt(note.group(2)), "a larger validation split: " + note.group());
        Result same = run("run", spec.toString(), "--no-baseline", "--no-isolate", "--trials", "3");
        assertEquals(0, same.code(), same.out() + same.err());
        assertFalse(same.out().contains("the data differ"), same.out());
    }

    @Test
    void aChangedSearchSpaceIsRefusedWithTheDifferencesUnlessAllowed() throws IOException {
        csv(dir, 150, 4);
        assertEquals(0, run("run", spec(dir, "space", 1, 1, "{int: [4, 16]}").toString(), "--no-baseline").code());
        Path db = dir.resolve("studies.db");
        byte[] before = Files.readAllBytes(db);
        Result refused = run("run", spec(dir, "space", 2, 1, "{int: [4, 64]}").toString(), "--no-baseline");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("was run with another search space")
                && refused.err().contains("model.space.units: was IntRange[low=4, high=16, log=false], now"
                        + " IntRange[low=4, high=64, log=false]")
                && refused.err().contains("--allow-space-change"), refused.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the database file is untouched");
        Result allowed = run("run", spec(dir, "space", 2, 1, "{int: [4, 64]}").toString(), "--no-baseline",
                "--allow-space-change");
        assertEquals(0, allowed.code(), allowed.out() + allowed.err());
        assertEquals(2, trials(db, "space").size());
    }

    @Test
    void studiesWhoseNamesLookAlikeKeepAndExportTheirOwnNetworks() throws IOException {
        csv(dir, 150, 4);
        String url = "sqlite:" + dir.resolve("studies.db");
        Path spec = spec(dir, "alike", 2, 2, "{int: [4, 16]}");
        assertEquals(0, run("run", spec.toString(), "--study", "run a", "--no-baseline", "--no-isolate").code());
        assertEquals(0, run("run", spec.toString(), "--study", "run_a", "--no-baseline", "--no-isolate", "--seed", "6")
                .code());
        for (String study : List.of("run a", "run_a")) {
            Path export = dir.resolve("export-" + study.replace(' ', '-') + ".zip");
            Result best = run("best", study, "--storage", url, "--export", export.toString());
            assertEquals(0, best.code(), best.out() + best.err());
            FrozenTrial bestTrial = org.dl4jtuner.tuner.Direction.MAXIMIZE.best(trials(dir.resolve("studies.db"), study));
            Path own = Path.of((String) bestTrial.systemAttrs().get("model_file"));
            assertTrue(Files.isRegularFile(own), own.toString());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(own), Files.readAllBytes(export)),
                    study + " exported its own best trial's network, " + own);
            for (String other : List.of("run a", "run_a")) {
                if (!other.equals(study)) {
                    Object otherFile = org.dl4jtuner.tuner.Direction.MAXIMIZE.best(trials(dir.resolve("studies.db"), other))
                            .systemAttrs().get("model_file");
                    assertTrue(!own.getParent().equals(Path.of((String) otherFile).getParent()),
                            "the two studies keep their networks in different folders: " + own + ", " + otherFile);
                }
            }
        }
    }

    @Test
    void trialsAndBestReadTheStoredStudy() throws IOException {
        csv(dir, 150, 4);
        assertEquals(0, run("run", spec(dir, "read", 3, 2, "{int: [4, 16]}").toString(), "--no-baseline").code());
        String url = "sqlite:" + dir.resolve("studies.db");
        Result json = run("trials", "--storage", url, "--study", "read", "--json");
        assertEquals(0, json.code(), json.err());
        List<?> rows = new ObjectMapper().readValue(json.out(), List.class);
        assertEquals(3, rows.size());
        Map<?, ?> first = (Map<?, ?>) rows.get(0);
        assertEquals(0, first.get("number"));
        assertEquals("COMPLETE", first.get("state"));
        assertTrue(((Map<?, ?>) first.get("params")).containsKey("learning_rate"));
        assertEquals(Set.of("1", "2"), ((Map<?, ?>) first.get("intermediate_values")).keySet());
        assertTrue(first.containsKey("error") && first.get("error") == null);
        Path export = dir.resolve("out/best.zip");
        Result best = run("best", "read", "--storage", url, "--export", export.toString());
        assertEquals(0, best.code(), best.err());
        assertTrue(best.out().startsWith("best trial "), best.out());
        assertNotNull(org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(export.toFile()));
        Result missing = run("trials", "--storage", url, "--study", "nope");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no study named 'nope'") && missing.err().contains("read"), missing.err());
    }

    @Test
    void aForeignFileOrAMissingServerIsReportedWithWhatToDo() throws IOException {
        csv(dir, 60, 4);
        Path notes = Files.writeString(dir.resolve("studies.db"), "not a database");
        Result foreign = run("run", spec(dir, "x", 1, 1, "8").toString());
        assertEquals(2, foreign.code());
        assertTrue(foreign.err().contains("is not an SQLite database") && foreign.err().contains("left untouched"),
                foreign.err());
        assertEquals("not a database", Files.readString(notes));
        Result server = run("run", spec(dir, "x", 1, 1, "8").toString(), "--storage",
                "postgresql://tuner:secret@127.0.0.1:1/studies");
        assertEquals(2, server.code());
        assertTrue(server.err().contains("cannot connect to PostgreSQL at postgresql://127.0.0.1:1/studies")
                && server.err().contains("start the server") && !server.err().contains("secret"), server.err());
    }

    @Test
    void aStudyKilledMidTrialContinuesThatTrialFromItsNextEpochInAWorkerJvmOfTheNextRun() throws Exception {
        csv(dir, 3000, 20);
        Path spec = spec(dir, "killed", 4, 25, "{int: [32, 64]}");
        Path db = dir.resolve("studies.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.dl4jtuner.cli.Main", "run", spec.toString(), "--no-baseline", "--no-isolate")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        FrozenTrial running = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (running == null && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(100);
            if (Files.exists(db)) {
                running = midTrial(db);
            }
        }
        assertNotNull(running, "the child never got a trial past its first epoch after completing one:\n"
                + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no last words
        List<FrozenTrial> atDeath = trials(db, "killed");
        FrozenTrial killed = atDeath.get(running.number());

        // worker JVMs (the default for a stored study) take the dead trial over
        Result again = run("run", spec.toString(), "--no-baseline", "--parallel", "2");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("trial " + running.number() + " was left RUNNING by a process that died; it"
                + " continues from its checkpoint (" + killed.intermediateValues().size() + " epoch"), again.out());
        List<FrozenTrial> after = trials(db, "killed");
        for (FrozenTrial old : atDeath) {
            FrozenTrial now = after.get(old.number());
            if (old.state() == TrialState.COMPLETE) {
                assertEquals(old.value(), now.value(), "completed trial " + old.number() + " intact");
                assertEquals(old.intermediateValues(), now.intermediateValues());
                assertEquals(old.params(), now.params());
            } else {
                assertTrue(now.intermediateValues().entrySet().containsAll(old.intermediateValues().entrySet()),
                        "epochs reported before the kill are kept");
            }
        }
        FrozenTrial continued = after.get(running.number());
        assertEquals(TrialState.COMPLETE, continued.state(), "the killed trial finished, as the trial it was");
        assertEquals(25, continued.intermediateValues().size(), "all its epochs: " + continued.intermediateValues());
        Map<String, Long> trainedBy = trainedBy(continued);
        for (int epoch = 1; epoch <= 25; epoch++) {
            boolean before = killed.intermediateValues().containsKey(epoch);
            assertEquals(before, trainedBy.get(String.valueOf(epoch)) == child.pid(), "epoch " + epoch
                    + " trained by the killed JVM (pid " + child.pid() + ") exactly when it was stored before the kill: "
                    + trainedBy);
        }
        assertTrue(after.stream().noneMatch(t -> t.state() == TrialState.RUNNING), "nothing stays RUNNING");
        assertTrue(after.stream().noneMatch(t -> t.state() == TrialState.FAIL), "no trial failed: " + after);
        assertEquals(4, after.size(), "the requested 4 trials, the continued one counted once");
        assertEquals(4, after.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    }

    /** Epoch to the pid of the process that trained it. */
    private static Map<String, Long> trainedBy(FrozenTrial trial) {
        Map<String, Long> pids = new java.util.TreeMap<>();
        if (trial.systemAttrs().get(org.dl4jtuner.models.Dl4jObjective.EPOCH_COSTS_ATTR) instanceof Map<?, ?> costs) {
            costs.forEach((epoch, cost) -> {
                if (cost instanceof Map<?, ?> c && c.get("worker") instanceof Number pid) {
                    pids.put(epoch.toString(), pid.longValue());
                }
            });
        }
        return pids;
    }

    @Test
    void aTrialLeftRunningByADeadProcessIsReportedOnceOnTheNextRun() throws Exception {
        csv(dir, 150, 4);
        Path db = dir.resolve("studies.db");
        Result first = run("run", spec(dir, "orphan", 1, 1, "8").toString(), "--no-baseline", "--no-isolate");
        assertEquals(0, first.code(), first.out() + first.err());
        int orphan;
        try (Storage s = SqliteStorage.open(db)) {
            long study = s.findStudy("orphan").orElseThrow().id();
            String host = java.net.InetAddress.getLocalHost().getHostName();
            orphan = s.createTrial(study, TrialState.RUNNING, Map.of(Study.WORKER_ATTR, "999999@" + host)).number();
        }
        // a child JVM, so the command's own logging configuration writes its standard error
        Process child = new ProcessBuilder(javaCommand("run", spec(dir, "orphan", 2, 1, "8").toString(), "--no-baseline",
                "--no-isolate")).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the run did not finish");
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(0, child.exitValue(), log);
        List<String> about = log.lines().filter(l -> l.matches("(?i).*trial " + orphan + "\\b.*(died|gone|FAIL).*"))
                .toList();
        assertEquals(List.of("trial " + orphan + " was left RUNNING by a process that died before its first epoch"
                + " ended; it starts again with the same parameters"), about, log);
        assertEquals(TrialState.COMPLETE, trials(db, "orphan").get(orphan).state(), "continued as the trial it was");
        assertEquals(2, trials(db, "orphan").size(), "and counted once");
    }

    /** The running trial once at least one trial completed and the running one reported an epoch; else null. */
    private static FrozenTrial midTrial(Path db) {
        try (Storage s = SqliteStorage.open(db)) {
            var study = s.findStudy("killed");
            if (study.isEmpty()) {
                return null;
            }
            List<FrozenTrial> all = s.trials(study.get().id(), Set.of());
            boolean oneDone = all.stream().anyMatch(t -> t.state() == TrialState.COMPLETE);
            return all.stream().filter(t -> oneDone && t.state() == TrialState.RUNNING
                    && !t.intermediateValues().isEmpty()).findFirst().orElse(null);
        } catch (RuntimeException busy) {
            return null;
        }
    }

    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.dl4jtuner.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    static String classPathSeparator() {
        return File.pathSeparator;
    }
}
