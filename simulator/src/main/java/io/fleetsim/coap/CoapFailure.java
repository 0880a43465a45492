package io.fleetsim.coap;

/**
 * Why a request got no usable response. {@link #cause()} is the name the results count it under:
 * {@code timeout}, {@code reset}, {@code transport}, {@code closed}, {@code error-response:<code>},
 * and, when the server did answer but never usably, {@code malformed-response}, {@code wrong-token},
 * {@code wrong-message-id} or {@code block2-too-large}; {@code socket-limit} when the device could
 * not get a socket because the process ran out of file descriptors or ports. Over TCP and TLS
 * (RFC 8323) what waited on a connection that died fails under the cause it died of:
 * {@code closed-by-server}, {@code abort}, {@code release}, {@code frame-too-large},
 * {@code malformed-frame}, {@code csm-invalid}, {@code pong-timeout}; {@code csm-timeout} when the
 * server's CSM never came; {@code handshake} when the DTLS or TLS handshake failed.
 */
public final class CoapFailure extends RuntimeException {

    public static final String TIMEOUT = "timeout";
    public static final String RESET = "reset";
    public static final String TRANSPORT = "transport";
    public static final String CLOSED = "closed";
    /** Only datagrams that were not CoAP came back before the exchange gave up. */
    public static final String MALFORMED_RESPONSE = "malformed-response";
    /** An ACK with the request's message ID came back carrying another token. */
    public static final String WRONG_TOKEN = "wrong-token";
    /** An ACK with the request's token came back under another message ID. */
    public static final String WRONG_MESSAGE_ID = "wrong-message-id";
    /** The server kept announcing more Block2 blocks past the device's limit. */
    public static final String BLOCK2_TOO_LARGE = "block2-too-large";
    /** The DTLS or TLS handshake failed (its cause is counted under the handshake's failures). */
    public static final String HANDSHAKE = "handshake";
    /** No socket could be opened: the process is out of file descriptors or ports. */
    public static final String SOCKET_LIMIT = "socket-limit";

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
