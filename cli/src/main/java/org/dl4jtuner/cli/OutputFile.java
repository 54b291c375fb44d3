package org.dl4jtuner.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file a command is asked to write ({@code best --export}, {@code report --html/--csv},
 * {@code export-curves}) before anything is read or written: a folder there is a mistake, refused
 * with exit code 2, not replaced (an empty folder was silently replaced by the file) nor reported as
 * an internal error.
 */
final class OutputFile {
    private OutputFile() {
    }

    /** The file, or a {@link UserError} naming the option, the path and what to give instead. */
    static Path check(String option, Path file, String example) {
        if (file != null && Files.isDirectory(file)) {
            throw new UserError(option + ": " + file + " is a folder; give the file to write, e.g. "
                    + file.resolve(example));
        }
        return file;
    }
}
