package io.fleetsim.progress;

/** How progress is shown: rewritten in place on a terminal, a plain line now and then in a log, or not at all. */
public enum ProgressMode {
    /** One line rewritten in place ({@code \r}) every reporting period: standard error is a terminal. */
    LIVE,
    /** A plain line every progress interval: standard error goes to a file, a pipe or a CI log. */
    PLAIN,
    /** Nothing ({@code --quiet}). */
    OFF;

    /** The mode for a run: {@code quiet} wins, then whether standard error is a terminal. */
    public static ProgressMode choose(boolean quiet, boolean stderrIsTerminal) {
        if (quiet) {
            return OFF;
        }
        return stderrIsTerminal ? LIVE : PLAIN;
    }
}
