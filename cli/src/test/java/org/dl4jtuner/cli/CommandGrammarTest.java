package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.cli.PersistentStudyTest.Result;
import org.dl4jtuner.storage.SqliteStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One grammar for the commands that read stored studies ({@code --storage URL --study NAME}),
 * {@code studies}, {@code delete-study}, {@code completion}, {@code --version}, and one-line
 * answers to command-line mistakes.
 */
class CommandGrammarTest {
    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void twoStudies() throws IOException {
        PersistentStudyTest.csv(dir, 150, 4);
        Path spec = PersistentStudyTest.spec(dir, "grammar", 2, 1, "{int: [4, 16]}");
        url = "sqlite:" + dir.resolve("studies.db");
        for (String study : List.of("first", "second")) {
            Result r = PersistentStudyTest.run("run", spec.toString(), "--study", study, "--no-baseline", "--no-isolate");
            assertEquals(0, r.code(), r.out() + r.err());
        }
    }

    @Test
    void bestTakesTheStudyAsAnOptionAndStillAsAnArgument() {
        Result option = PersistentStudyTest.run("best", "--storage", url, "--study", "second");
        assertEquals(0, option.code(), option.out() + option.err());
        assertTrue(option.out().startsWith("best trial "), option.out());
        Result argument = PersistentStudyTest.run("best", "second", "--storage", url);
        assertEquals(option.out(), argument.out());
        Result both = PersistentStudyTest.run("best", "first", "--storage", url, "--study", "second");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("error: --study: 'second' and the STUDY argument 'first' name different"
                + " studies"), both.err());
    }

    @Test
    void reportTakesTheStudyAsAnOption() {
        Path csv = dir.resolve("trials.csv");
        Result r = PersistentStudyTest.run("report", "--storage", url, "--study", "first", "--csv", csv.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("trial table of study 'first' written to"), r.out());
        assertTrue(Files.isRegularFile(csv));
        Result none = PersistentStudyTest.run("report", "--storage", url, "--study", "third", "--csv", csv.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--study: no study named 'third'"), none.err());
    }

    @Test
    void studiesListsEachStudyWithItsTrialsByStateAndBestValue() throws IOException {
        Result r = PersistentStudyTest.run("studies", "--storage", url);
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).matches("study 'first' \\(maximize\\): 2 trials \\(2 COMPLETE\\), best [0-9.]+ \\(trial"
                + " [01]\\)"), lines.get(0));
        assertEquals("  data: csv, 150 examples, 3 classes, 4 inputs", lines.get(1));
        assertTrue(lines.get(2).startsWith("study 'second' (maximize): 2 trials (2 COMPLETE), best "), lines.get(2));
        assertEquals("  data: csv, 150 examples, 3 classes, 4 inputs", lines.get(3));

        Result json = PersistentStudyTest.run("studies", "--storage", url, "--json");
        assertEquals(0, json.code(), json.err());
        List<?> rows = new ObjectMapper().readValue(json.out(), List.class);
        assertEquals(2, rows.size());
        Map<?, ?> first = (Map<?, ?>) rows.get(0);
        assertEquals("first", first.get("name"));
        assertEquals(2, first.get("trials"));
        assertEquals(Map.of("COMPLETE", 2), first.get("states"));
        assertTrue(first.get("best_value") instanceof Number, json.out());
        assertEquals(3, ((Map<?, ?>) first.get("dataset")).get("classes"), json.out());
    }

    @Test
    void deleteStudyRefusesWithoutYesSayingWhatItWouldDelete() throws IOException {
        Path db = dir.resolve("studies.db");
        byte[] before = Files.readAllBytes(db);
        Result r = PersistentStudyTest.run("delete-study", "--storage", url, "--study", "first");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: delete-study: refused without --yes: it would delete study 'first' and"
                + " its 2 trials (2 COMPLETE) from " + url + ", and its networks in "), r.err());
        assertTrue(r.err().contains("Add --yes to delete"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "nothing written");

        Result unnamed = PersistentStudyTest.run("delete-study", "--storage", url, "--yes");
        assertEquals(2, unnamed.code());
        assertTrue(unnamed.err().contains("--study: name the study to delete"), unnamed.err());
    }

    @Test
    void deleteStudyWithYesDeletesTheStudyItsTrialsAndItsNetworks() {
        Path networks;
        try (Storage s = SqliteStorage.open(dir.resolve("studies.db"))) {
            networks = org.dl4jtuner.cli.run.ArtifactFolders.nextToSqlite(dir.resolve("studies.db"),
                    s.findStudy("first").orElseThrow());
        }
        assertTrue(Files.isDirectory(networks), networks + " holds the study's networks");
        Result r = PersistentStudyTest.run("delete-study", "--storage", url, "--study", "first", "--yes");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("deleted study 'first' and its 2 trials (2 COMPLETE) from " + url
                + ", and its networks in " + networks), r.out());
        assertFalse(Files.exists(networks), "its networks are gone");
        try (Storage s = SqliteStorage.open(dir.resolve("studies.db"))) {
            assertTrue(s.findStudy("first").isEmpty());
            assertEquals(2, s.trials(s.findStudy("second").orElseThrow().id(), java.util.Set.of()).size(),
                    "the other study is intact");
        }
        Result listed = PersistentStudyTest.run("studies", "--storage", url);
        assertFalse(listed.out().contains("'first'"), listed.out());
        Result again = PersistentStudyTest.run("delete-study", "--storage", url, "--study", "first", "--yes");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("no study named 'first'"), again.err());
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommandsAndOptions() {
        Result r = PersistentStudyTest.run("completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().substring(0, 200));
        assertTrue(r.out().contains("complete -F _complete_dl4j-tuner") || r.out().contains("_complete_dl4j-tuner"),
                "a completion function for dl4j-tuner");
        for (String word : List.of("delete-study", "studies", "--storage", "--trials", "--yes")) {
            assertTrue(r.out().contains(word), word);
        }
        Result help = PersistentStudyTest.run("completion", "--help");
        assertTrue(help.out().contains("bashcompinit"), "says how zsh uses it: " + help.out());
    }

    @Test
    void aMistypedCommandGetsDidYouMeanInOneLine() {
        Result r = PersistentStudyTest.run("rnu", "study.yaml");
        assertEquals(2, r.code());
        assertEquals("error: unknown command 'rnu'; did you mean: run?", r.err().strip());
        assertEquals("", r.out());
        Result option = PersistentStudyTest.run("trials", "--storage", url, "--studdy", "first");
        assertEquals(2, option.code());
        assertTrue(option.err().strip().startsWith("error: unknown option '--studdy' of dl4j-tuner trials; did you mean:"
                + " --study"), option.err());
        assertEquals(1, option.err().lines().count(), option.err());
    }

    @Test
    void aValueThatIsNotANumberIsOneLine() {
        Result r = PersistentStudyTest.run("run", "study.yaml", "--trials", "abc");
        assertEquals(2, r.code());
        assertEquals("error: --trials: 'abc' is not a whole number", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void versionIsThePomsVersion() throws IOException {
        Result r = PersistentStudyTest.run("--version");
        assertEquals(0, r.code(), r.err());
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<parent>.*?<version>([^<]+)</version>",
                java.util.regex.Pattern.DOTALL).matcher(pom);
        assertTrue(m.find(), "the cli pom names its parent's version");
        assertEquals("dl4j-tuner " + m.group(1), r.out().strip());
    }
}
