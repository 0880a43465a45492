package io.fleetsim.coap;

import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;

/**
 * Why a request got no usable response. {@link #cause()} is the cause the results count it under
 * ({@link FailureCause} names every one): {@code timeout}, {@code reset}, {@code transport},
 * {@code closed}, {@code error-response:<code>}, and, when the server did answer but never usably,
 * {@code malformed-response}, {@code wrong-token}, {@code wrong-message-id} or
 * {@code block2-too-large}; {@code socket-limit} when the device could not get a socket because
 * the process ran out of file descriptors or ports. Over TCP and TLS (RFC 8323) what waited on a
 * connection that died fails under the cause it died of: {@code closed-by-server}, {@code abort},
 * {@code release}, {@code frame-too-large}, {@code malformed-frame}, {@code csm-invalid},
 * {@code pong-timeout}; {@code csm-timeout} when the server's CSM never came; {@code handshake}
 * when the DTLS or TLS handshake failed.
 */
public final class CoapFailure extends RuntimeException {

    private final Cause cause;
    private final String detail;

    public CoapFailure(Cause cause, String detail) {
        super(cause.wireName() + ": " + detail, null, false, false);
        this.cause = cause;
        this.detail = detail;
    }

    /** A failure under a cause without detail, e.g. {@link FailureCause#TIMEOUT}. */
    public CoapFailure(FailureCause cause, String detail) {
        this(cause.cause(), detail);
    }

    public static CoapFailure errorResponse(String code) {
        return new CoapFailure(Cause.errorResponse(code), "server answered " + code);
    }

    /**
     * What the failure says beyond its cause; for {@code handshake}, the handshake's own cause as
     * written, e.g. {@code alert-received:handshake_failure}.
     */
    public String detail() {
        return detail;
    }

    /** The cause the results count this failure under. */
    public Cause cause() {
        return cause;
    }

    /** The cause of any throwable: a {@link CoapFailure}'s own, otherwise {@code transport}. */
    public static Cause causeOf(Throwable t) {
        return t instanceof CoapFailure failure ? failure.cause() : FailureCause.TRANSPORT.cause();
    }
}
