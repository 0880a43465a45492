package io.fleetsim.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether standard error is an interactive terminal, so progress may be rewritten in place.
 * {@link System#console()} alone is not enough: on Java 17 it only says stdin and stdout are a
 * terminal, so {@code fleetsim run x.yaml 2>log} would fill the log with carriage returns. On
 * Linux, {@code /proc/self/fd/2} names what standard error really is.
 */
public final class TerminalCheck {

    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private TerminalCheck() {
    }

    /** The decision for this process. */
    public static boolean stderrIsTerminal() {
        return decide(System.console() != null, System.getenv("TERM"), stderrTarget());
    }

    /**
     * The decision from its inputs.
     *
     * @param hasConsole   {@code System.console() != null}
     * @param term         the {@code TERM} environment variable, may be null
     * @param stderrTarget what {@code /proc/self/fd/2} links to; empty where that cannot be read
     */
    static boolean decide(boolean hasConsole, String term, Optional<String> stderrTarget) {
        if (!hasConsole || "dumb".equals(term)) {
            return false;
        }
        return stderrTarget.map(t -> t.startsWith("/dev/pts/") || t.startsWith("/dev/tty")).orElse(true);
    }

    private static Optional<String> stderrTarget() {
        if (!Files.exists(STDERR_LINK, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(STDERR_LINK).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
