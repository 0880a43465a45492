package io.fleetsim.reliability;

import io.fleetsim.scenario.Transport;

/**
 * The catalogue of broken and hostile LwM2M servers: what {@link HostileLwm2mServer} does when a
 * device registers, what fleetsim does about it, and the cause a failed registration is counted
 * under in {@code summary.json}. {@code docs/reliability.md} is generated from the same list and
 * checked against it ({@link ReliabilityDocTest}); {@link HostileServerTest} checks each UDP cause,
 * {@link HostileTcpServerTest} each TCP cause over plain TCP and over TLS.
 */
enum HostileCase {

    GARBAGE("answers every request with bytes that are not CoAP (version 3)",
            "drops the datagrams, counts them in messages.malformedReceived, retransmits, then gives up",
            "malformed-response"),
    TRUNCATED_HEADER("answers with the first 3 bytes of a valid 2.01 (a CoAP header is 4)",
            "as for garbage", "malformed-response"),
    WRONG_TOKEN("answers 2.01 in an ACK with the request's message ID but another token",
            "ignores the ACK, retransmits, then gives up", "wrong-token"),
    WRONG_MESSAGE_ID("answers 2.01 in an ACK with the request's token but another message ID",
            "ignores the ACK, retransmits, then gives up", "wrong-message-id"),
    DUPLICATED_RESPONSES("sends every answer twice",
            "registers; the second copy matches no open exchange and is dropped", "none"),
    SERVICE_UNAVAILABLE("answers 5.03 Service Unavailable with Max-Age: 10",
            "waits at least Max-Age (simulated) before it tries again, longer if its back-off says so",
            "error-response:5.03"),
    FORBIDDEN("answers 4.03 Forbidden", "backs off and tries again", "error-response:4.03"),
    SERVER_ERROR("answers 5.00 Internal Server Error", "backs off and tries again", "error-response:5.00"),
    RESET("answers every message with RST", "fails the exchange at once, backs off and tries again", "reset"),
    SILENT("never answers", "retransmits (RFC 7252), gives up, backs off and tries again", "timeout"),
    ENDLESS_BLOCK2("answers 2.01 with Block2 \"more\" for every block it is asked for",
            "follows at most 64 blocks or 64 KiB, then gives up", "block2-too-large"),

    // CoAP over TCP (RFC 8323), in the clear and over TLS: HostileTcpServerTest against HostileTcpLwm2mServer
    TCP_HUGE_RESPONSE(Transport.TCP,
            "answers Register with a frame whose header announces a 10 MB body (and sends 4 KiB of it)",
            "refuses the frame from its header (limit 16 KiB), sends Abort, closes, backs off and connects again",
            "frame-too-large"),
    TCP_CSM_MAX_MESSAGE_SIZE_ZERO(Transport.TCP, "sends a CSM with Max-Message-Size 0",
            "takes a Max-Message-Size below 128 bytes (or longer than 4 bytes) as a protocol error: Abort, close, "
                    + "back off", "csm-invalid"),
    TCP_CSM_MAX_MESSAGE_SIZE_HUGE(Transport.TCP, "sends a CSM with Max-Message-Size 2^32-1",
            "registers; it never sends more than it would anyway", "none"),
    TCP_CSM_MAX_MESSAGE_SIZE_NINE_BYTES(Transport.TCP, "sends a CSM whose Max-Message-Size is 9 bytes of 0xFF",
            "as for Max-Message-Size 0 (read as a long it would be negative)", "csm-invalid"),
    TCP_CSM_UNKNOWN_CRITICAL(Transport.TCP, "sends a CSM with an unknown critical option (number 9)",
            "as for Max-Message-Size 0 (RFC 8323 section 5.3)", "csm-invalid"),
    TCP_CLOSE_AFTER_FIRST_REQUEST(Transport.TCP,
            "sends its CSM, then closes the connection when the first request arrives",
            "fails the request, backs off and connects again", "closed-by-server"),
    TCP_GARBAGE(Transport.TCP, "sends bytes that are not RFC 8323 frames (token length 15) instead of its CSM",
            "counts them in messages.malformedReceived, sends Abort, closes, backs off", "malformed-frame"),
    TCP_NO_CSM(Transport.TCP, "accepts the connection and never sends its CSM",
            "gives up waiting for the CSM after the exchange lifetime, closes, backs off", "csm-timeout"),
    TCP_ABORT(Transport.TCP, "answers every message, the device's CSM included, with Abort and closes",
            "closes, backs off and connects again", "abort"),
    TCP_RESET(Transport.TCP, "resets the connection (TCP RST) when the device's CSM arrives",
            "as for a closed connection", "closed-by-server");

    private final Transport transport;
    private final String server;
    private final String fleetsim;
    private final String cause;

    HostileCase(String server, String fleetsim, String cause) {
        this(Transport.UDP, server, fleetsim, cause);
    }

    HostileCase(Transport transport, String server, String fleetsim, String cause) {
        this.transport = transport;
        this.server = server;
        this.fleetsim = fleetsim;
        this.cause = cause;
    }

    /** UDP or TCP: which server plays the case and which table of the docs lists it. */
    Transport transport() {
        return transport;
    }

    /** The transports a TCP case is played over (plain TCP and TLS); none for a UDP case. */
    java.util.List<Transport> streamTransports() {
        return transport == Transport.TCP ? java.util.List.of(Transport.TCP, Transport.TLS) : java.util.List.of();
    }

    /** The cause counted in registration.failures, or null when registration succeeds. */
    String cause() {
        return cause.equals("none") ? null : cause;
    }

    /** The case's name as the docs show it, e.g. {@code wrong-token}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Its row in the table of docs/reliability.md; a TCP case's row says what it is played over. */
    String tableRow() {
        String over = streamTransports().isEmpty() ? ""
                : String.join(", ", streamTransports().stream().map(Transport::key).toList()) + " | ";
        return "| `" + key() + "` | " + over + server + " | " + fleetsim + " | "
                + (cause() == null ? "none" : "`" + cause + "`") + " |";
    }
}
