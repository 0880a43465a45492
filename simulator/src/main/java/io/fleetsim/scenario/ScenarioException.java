package io.fleetsim.scenario;

/**
 * A scenario that cannot be used, with a message meant for the person who wrote it, in the form
 * {@code scenarios/x.yaml:12: fleet.count: must be at least 1, got 0}. The message never holds a
 * stack trace; print {@link #getMessage()} as it is.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String field;

    /**
     * @param message the whole user-facing message
     * @param line    1-based line the problem is on, or 0 when it has none (a command line flag)
     * @param field   the dotted field name, or the flag, or "" when the problem is the whole file
     */
    public ScenarioException(String message, int line, String field) {
        super(message, null, false, false);
        this.line = line;
        this.field = field;
    }

    /** A problem with a command line flag: {@code --devices: must be at least 1, got 0}. */
    public static ScenarioException ofFlag(String flag, String problem) {
        return new ScenarioException(flag + ": " + problem, 0, flag);
    }

    /** 1-based line of the problem in the scenario file, 0 when it is not about a line. */
    public int line() {
        return line;
    }

    /** The field (e.g. {@code fleet.count}) or flag (e.g. {@code --devices}) the problem is about. */
    public String field() {
        return field;
    }
}
