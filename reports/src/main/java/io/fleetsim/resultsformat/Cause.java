package io.fleetsim.resultsformat;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link FailureCause} with its detail, if the cause has one: {@code error-response:4.04} is
 * {@code ERROR_RESPONSE} with detail {@code 4.04}; {@code timeout} is {@code TIMEOUT} without
 * detail. {@link #wireName()} is the name {@code summary.json} counts the failure under.
 */
public record Cause(FailureCause kind, String detail) {

    private static final String FLIGHT = "flight-";

    public Cause {
        Objects.requireNonNull(kind, "kind");
        if (kind.hasDetail() && (detail == null || detail.isEmpty())) {
            throw new IllegalArgumentException("failure cause " + kind.wireName() + " needs a detail, e.g. "
                    + kind.wireName() + FailureCause.DETAIL_SEPARATOR + "...");
        }
        if (!kind.hasDetail() && detail != null) {
            throw new IllegalArgumentException("failure cause " + kind.wireName() + " takes no detail, got '"
                    + detail + "'");
        }
    }

    /** An error response with its code, e.g. {@code error-response:4.04} for {@code "4.04"}. */
    public static Cause errorResponse(String code) {
        return FailureCause.ERROR_RESPONSE.with(code);
    }

    /** A DTLS handshake that got no answer to the device's flight {@code n}: {@code timeout:flight-<n>}. */
    public static Cause flightTimeout(int flight) {
        return FailureCause.FLIGHT_TIMEOUT.with(FLIGHT + flight);
    }

    /** The name as written: the cause's name, and {@code :detail} when it has one. */
    public String wireName() {
        return detail == null ? kind.wireName() : kind.wireName() + FailureCause.DETAIL_SEPARATOR + detail;
    }

    /**
     * The cause a name as written stands for, or empty for a name fleetsim does not write (a
     * newer version's cause, say): the part before the first colon names the cause, the rest
     * is its detail.
     */
    public static Optional<Cause> parse(String written) {
        if (written == null || written.isEmpty()) {
            return Optional.empty();
        }
        int separator = written.indexOf(FailureCause.DETAIL_SEPARATOR);
        String name = separator < 0 ? written : written.substring(0, separator);
        String detail = separator < 0 ? null : written.substring(separator + 1);
        if (detail != null && detail.isEmpty()) {
            return Optional.empty();
        }
        for (FailureCause kind : FailureCause.values()) {
            if (kind.wireName().equals(name) && kind.hasDetail() == (detail != null)
                    && (kind != FailureCause.FLIGHT_TIMEOUT || detail.startsWith(FLIGHT))) {
                return Optional.of(new Cause(kind, detail));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
