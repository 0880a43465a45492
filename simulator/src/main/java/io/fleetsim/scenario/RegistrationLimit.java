package io.fleetsim.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * A registration-limit protection, as device management services have: an endpoint name that
 * registers more than {@code count} times within {@code window} is blocked for {@code block};
 * its Registers meanwhile get {@link Answer#REFUSE} ({@code refuseCode}) or {@link Answer#SILENCE}.
 * The same count and window tell a device, against any server, when a refusal means it is blocked.
 *
 * @param count      registrations an endpoint may make within {@code window}; the next one blocks it
 * @param window     the sliding window registrations are counted over (simulated time)
 * @param block      how long a blocked endpoint stays blocked (simulated time)
 * @param answer     what a blocked endpoint's Register gets
 * @param refuseCode the error response of {@link Answer#REFUSE}, e.g. {@code 4.03}
 */
public record RegistrationLimit(int count, Duration window, Duration block, Answer answer, String refuseCode) {

    /** What a blocked endpoint's Register gets. */
    public enum Answer {
        /** An error response with {@code refuseCode}. */
        REFUSE,
        /** No answer at all: the Register is dropped. */
        SILENCE
    }

    /**
     * The limit of the device management service fleetsim users connect to: more than 10
     * registrations in 10 s block the device for 60 s. Devices use its count and window to
     * recognise a block when the scenario sets no limit of its own.
     */
    public static final RegistrationLimit SERVICE_DEFAULT = new RegistrationLimit(10, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Answer.REFUSE, "4.03");

    public RegistrationLimit {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(refuseCode, "refuseCode");
        if (count < 1 || window.isNegative() || window.isZero() || block.isNegative() || block.isZero()) {
            throw new IllegalArgumentException("a registration limit needs count >= 1 and positive window and block");
        }
    }

    /** The refusal's code as CoAP's class and detail, {@code 4.03} as 4 and 3. */
    public int refuseCodeClass() {
        return Integer.parseInt(refuseCode.substring(0, refuseCode.indexOf('.')));
    }

    /** The detail of {@link #refuseCode()}, {@code 4.03} as 3. */
    public int refuseCodeDetail() {
        return Integer.parseInt(refuseCode.substring(refuseCode.indexOf('.') + 1));
    }
}
