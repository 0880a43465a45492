package io.fleetsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything starts, that the results directory can be written: not a file, and
 * creatable and writable. A run that could not keep its results would waste its whole duration.
 */
final class ResultsDirCheck {

    private ResultsDirCheck() {
    }

    /** Creates {@code dir} if needed and proves it writable, or throws {@link BadInputException}. */
    static void requireWritable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("--out: " + dir + " is a file, not a directory; name a directory for the results");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".fleetsim-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new BadInputException("--out: cannot write the results directory " + dir + " ("
                    + reason(e) + "); name a directory you can write to");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }
}
