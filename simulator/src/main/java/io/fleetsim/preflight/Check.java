package io.fleetsim.preflight;

import java.util.Objects;

/**
 * One line of a preflight report: which check, its outcome, the figure it measured, and for a
 * failure or warning what it means and what to do about it.
 *
 * @param name    short name of the check, e.g. {@code dns}, {@code coap-ping}, {@code issuer}
 * @param status  its outcome
 * @param figure  what was seen, e.g. {@code 1.2 ms} or {@code issued by CN=...}
 * @param millis  the time it measured in milliseconds, or null
 * @param meaning what a failure or warning means (null when it passed)
 * @param action  what to do about it (null when it passed)
 */
public record Check(String name, Status status, String figure, Double millis, String meaning, String action) {

    public Check {
        Objects.requireNonNull(name);
        Objects.requireNonNull(status);
        Objects.requireNonNull(figure);
    }

    static Check pass(String name, String figure) {
        return new Check(name, Status.PASS, figure, null, null, null);
    }

    static Check pass(String name, String figure, double millis) {
        return new Check(name, Status.PASS, figure, millis, null, null);
    }

    static Check warn(String name, String figure, String meaning, String action) {
        return new Check(name, Status.WARN, figure, null, meaning, action);
    }

    static Check fail(String name, String figure, String meaning, String action) {
        return new Check(name, Status.FAIL, figure, null, meaning, action);
    }
}
