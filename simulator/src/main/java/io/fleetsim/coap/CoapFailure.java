package io.fleetsim.coap;

/**
 * Why a request got no usable response. {@link #cause()} is the name the results count it under:
 * {@code timeout}, {@code reset}, {@code transport}, {@code closed} or {@code error-response:<code>}.
 */
public final class CoapFailure extends RuntimeException {

    public static final String TIMEOUT = "timeout";
    public static final String RESET = "reset";
    public static final String TRANSPORT = "transport";
    public static final String CLOSED = "closed";

    private final String cause;

    public CoapFailure(String cause, String detail) {
        super(cause + ": " + detail, null, false, false);
        this.cause = cause;
    }

    public static CoapFailure errorResponse(String code) {
        return new CoapFailure("error-response:" + code, "server answered " + code);
    }

    /** The cause name the results count this failure under. */
    public String cause() {
        return cause;
    }

    /** The cause name of any throwable: a {@link CoapFailure}'s own, otherwise {@code transport}. */
    public static String causeOf(Throwable t) {
        return t instanceof CoapFailure failure ? failure.cause() : TRANSPORT;
    }
}
