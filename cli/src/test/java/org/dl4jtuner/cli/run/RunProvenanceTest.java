package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git commit of a spec's folder, read from .git as git lays it out, without a git binary. */
class RunProvenanceTest {
    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "fedcba9876543210fedcba9876543210fedcba98";
    @TempDir
    Path dir;

    @Test
    void aBranchHeadIsReadFromItsLooseRefOrFromPackedRefs() throws IOException {
        Path repo = dir.resolve("repo");
        Path specs = Files.createDirectories(repo.resolve("studies/cnn"));
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + B + " refs/heads/main\n");
        assertEquals(Optional.of(B), RunProvenance.gitCommit(specs));
        Files.writeString(repo.resolve(".git/refs/heads/main"), A + "\n");
        assertEquals(Optional.of(A), RunProvenance.gitCommit(specs), "a loose ref is newer than packed-refs");
    }

    @Test
    void aDetachedHeadIsTheCommitAndAWorktreeReadsItsOwnHead() throws IOException {
        Path main = dir.resolve("main");
        Files.createDirectories(main.resolve(".git/worktrees/wt"));
        Files.writeString(main.resolve(".git/HEAD"), A + "\n");
        assertEquals(Optional.of(A), RunProvenance.gitCommit(main));

        Files.createDirectories(main.resolve(".git/refs/heads"));
        Files.writeString(main.resolve(".git/refs/heads/feature"), B + "\n");
        Files.writeString(main.resolve(".git/worktrees/wt/HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(main.resolve(".git/worktrees/wt/commondir"), "../..\n");
        Path worktree = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + main.resolve(".git/worktrees/wt") + "\n");
        assertEquals(Optional.of(B), RunProvenance.gitCommit(worktree));
    }

    @Test
    void aFolderOutsideARepositoryHasNone() throws IOException {
        assertEquals(Optional.empty(), RunProvenance.gitCommit(Files.createDirectories(dir.resolve("plain"))));
    }
}
