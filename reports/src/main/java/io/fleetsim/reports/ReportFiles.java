package io.fleetsim.reports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes report files so that a reader never sees a half-written one. */
final class ReportFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);

    private ReportFiles() {
    }

    /**
     * Writes {@code text} as UTF-8 next to {@code file} first, then moves it over {@code file},
     * replacing an older one.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    static void writeReplacing(Path file, String text) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", file, e.getMessage());
        }
    }
}
