package io.fleetsim.resultsformat;

import java.util.Optional;

/**
 * Every cause fleetsim counts a failure under: the keys of the {@code failures} maps of
 * {@code summary.json} ({@code registration}, {@code update}, {@code deregistration},
 * {@code handshake}, {@code tls}), of {@code connections.lost}, and the {@code cause} label of
 * the {@code fleetsim_failures_total} Prometheus counter. This enum is the one definition of those
 * names, for the simulator that writes them and the reports that read them.
 * <p>
 * Most causes are a plain name ({@code timeout}); a few carry a detail after a colon
 * ({@code error-response:4.04}, {@code alert-received:handshake_failure}, {@code timeout:flight-5}).
 * A cause with its detail is a {@link Cause}.
 */
public enum FailureCause {

    // --- requests (registration, update, deregistration) ---
    /** No response after all retransmissions (or within the response timeout over TCP and TLS). */
    TIMEOUT("timeout", false),
    /** The server answered the request with RST. */
    RESET("reset", false),
    /** A socket error, or any failure that has no cause of its own. */
    TRANSPORT("transport", false),
    /** The device's own socket or channel was closed while the request waited. */
    CLOSED("closed", false),
    /** The server answered with an error code; the detail is the code, e.g. {@code error-response:4.03}. */
    ERROR_RESPONSE("error-response", true),
    /** Only datagrams that were not CoAP came back before the exchange gave up. */
    MALFORMED_RESPONSE("malformed-response", false),
    /** An ACK with the request's message ID came back carrying another token. */
    WRONG_TOKEN("wrong-token", false),
    /** An ACK with the request's token came back under another message ID. */
    WRONG_MESSAGE_ID("wrong-message-id", false),
    /** The server kept announcing more Block2 blocks past the device's limit (64 blocks or 64 KiB). */
    BLOCK2_TOO_LARGE("block2-too-large", false),
    /** No socket could be opened: the process is out of file descriptors or ports. */
    SOCKET_LIMIT("socket-limit", false),
    /** The DTLS or TLS handshake failed (its own cause is counted under the handshake's failures). */
    HANDSHAKE("handshake", false),
    /**
     * Registration: the server refused the device's Register (4.03, 4.29 or a DTLS/TLS alert) after a
     * burst of this device's own Registers: it protects itself by blocking the device for a while. Counted
     * instead of the refusal's own cause ({@code error-response:4.03}, {@code handshake}); a handshake's
     * {@code alert-received} stays counted under the handshake's failures.
     */
    BLOCKED("blocked", false),

    // --- TCP and TLS connections (connections.lost; requests that waited on the connection) ---
    /** The server closed the connection. */
    CLOSED_BY_SERVER("closed-by-server", false),
    /** The server sent an RFC 8323 Abort signal. */
    ABORT("abort", false),
    /** The server sent an RFC 8323 Release signal. */
    RELEASE("release", false),
    /** The server sent a frame over the size the device accepts. */
    FRAME_TOO_LARGE("frame-too-large", false),
    /** The server sent bytes that are not an RFC 8323 frame. */
    MALFORMED_FRAME("malformed-frame", false),
    /** The server's CSM was not valid. */
    CSM_INVALID("csm-invalid", false),
    /** The server's CSM did not come within the response timeout. */
    CSM_TIMEOUT("csm-timeout", false),
    /** No Pong to the device's Ping within {@code pongTimeoutSeconds}. */
    PONG_TIMEOUT("pong-timeout", false),
    /** The NAT reset the connection: its mapping had expired ({@code tcpExpiry: rst}). */
    NAT_RESET("nat-reset", false),

    // --- DTLS and TLS handshakes (handshake.failures, tls.failures) ---
    /** The server certificate's issuer is not {@code expectIssuer}: a TLS-inspecting firewall. */
    ISSUER_MISMATCH("issuer-mismatch", false),
    /** TLS: no path from the server certificate to a CA the device trusts. */
    UNTRUSTED_CERTIFICATE("untrusted-certificate", false),
    /** TLS: the server certificate does not name the host the device connected to. */
    HOSTNAME_MISMATCH("hostname-mismatch", false),
    /** DTLS: no answer to the device's flight after all retransmissions; the detail is {@code flight-<n>}. */
    FLIGHT_TIMEOUT("timeout", true),
    /** The server refused the handshake; the detail is the alert, e.g. {@code alert-received:handshake_failure}. */
    ALERT_RECEIVED("alert-received", true),
    /** DTLS: the device refused the server; the detail is the alert, e.g. {@code alert-sent:bad_certificate}. */
    ALERT_SENT("alert-sent", true),
    /** A handshake failure of any other kind. */
    ERROR("error", false),

    // --- LwM2M bootstrap (bootstrap.failures; timeout and error-response:<code> as for requests) ---
    /** The bootstrap server accepted the Bootstrap-Request but sent no Bootstrap-Finish in time. */
    NO_FINISH("no-finish", false),
    /** After Bootstrap-Finish the device held no usable LwM2M server account (/0 and /1 with one Short Server ID). */
    BAD_CONFIG("bad-config", false),
    /** The handed-out server account's Security Mode (/0/x/2) is one fleetsim's devices do not speak (certificates). */
    UNSUPPORTED_SECURITY_MODE("unsupported-security-mode", false),
    /** The handed-out LwM2M Server URI names a transport the device cannot follow (coap+tcp, coaps+tcp, another scheme). */
    UNSUPPORTED_TRANSPORT("unsupported-transport", false);

    /** Separates a cause's name from its detail: {@code error-response:4.04}. */
    public static final char DETAIL_SEPARATOR = ':';

    private final String wireName;
    private final boolean hasDetail;

    FailureCause(String wireName, boolean hasDetail) {
        this.wireName = wireName;
        this.hasDetail = hasDetail;
    }

    /** The name as written, without a detail: {@code timeout}, {@code error-response}. */
    public String wireName() {
        return wireName;
    }

    /** True when the cause is always written with a detail ({@code error-response:4.04}). */
    public boolean hasDetail() {
        return hasDetail;
    }

    /** This cause without a detail; only for causes that have none. */
    public Cause cause() {
        return new Cause(this, null);
    }

    /** This cause with a detail; only for causes that have one. */
    public Cause with(String detail) {
        return new Cause(this, detail);
    }

    /**
     * The cause of a name as written, detail included ({@code timeout}, {@code timeout:flight-5},
     * {@code error-response:4.04}); empty for a name fleetsim does not write.
     */
    public static Optional<FailureCause> byWireName(String written) {
        return Cause.parse(written).map(Cause::kind);
    }
}
