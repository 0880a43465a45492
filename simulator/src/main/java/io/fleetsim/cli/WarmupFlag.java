package io.fleetsim.cli;

import java.time.Duration;

/**
 * {@code --warmup SECONDS|off|auto}: how long throw-away devices register before the run clock
 * starts. {@code off} is the default; {@code auto} warms up against the embedded server only, so a
 * user's own server gets no extra registrations unless they ask for them with a number of seconds.
 */
record WarmupFlag(Duration explicit, boolean auto) {

    static final int EMBEDDED_DEFAULT_SECONDS = 3;
    static final int MAX_SECONDS = 600;

    static WarmupFlag parse(String value) {
        String text = value == null ? "off" : value.trim();
        if (text.equals("auto")) {
            return new WarmupFlag(null, true);
        }
        if (text.equals("off") || text.equals("0")) {
            return new WarmupFlag(Duration.ZERO, false);
        }
        long seconds;
        try {
            seconds = Long.parseLong(text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new BadInputException("--warmup: '" + value + "' is not a number of seconds (0 to " + MAX_SECONDS
                    + "), off or auto");
        }
        return new WarmupFlag(Duration.ofSeconds(seconds), false);
    }

    /** The warm-up for a run against the embedded server ({@code embedded}) or another target. */
    Duration length(boolean embedded) {
        if (auto) {
            return embedded ? Duration.ofSeconds(EMBEDDED_DEFAULT_SECONDS) : Duration.ZERO;
        }
        return explicit;
    }
}
