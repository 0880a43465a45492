package io.fleetsim.server.bootstrap;

/** Why a bootstrap session did not end with a 2.04 answer to Bootstrap-Finish. */
public enum BootstrapFailure {
    /** The Bootstrap-Request had no {@code ep} query: answered 4.00. */
    BAD_REQUEST("badRequest"),
    /** The configuration source knows nothing for the endpoint: answered 4.00. */
    UNKNOWN_ENDPOINT("unknownEndpoint"),
    /** The client answered a Bootstrap-Delete, -Write or -Finish with another code than LwM2M prescribes. */
    REFUSED("refused"),
    /** The session did not finish within the server's session timeout (a request unanswered, or answered late). */
    TIMEOUT("timeout"),
    /** The CoAP layer could not deliver a request: the client rejected it (RST) or sending failed. */
    UNREACHABLE("unreachable"),
    /** The same endpoint sent a new Bootstrap-Request before its session finished; the new one starts over. */
    SUPERSEDED("superseded"),
    /** Over DTLS, the {@code ep} was not the endpoint of the client's PSK identity: answered 4.03. */
    UNAUTHORIZED("unauthorized");

    private final String key;

    BootstrapFailure(String key) {
        this.key = key;
    }

    /** The name of the cause in counters and reports. */
    public String key() {
        return key;
    }
}
