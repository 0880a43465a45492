package io.fleetsim.engine;

/**
 * The server a run talks to: the user's (named by {@code target}) or the embedded one.
 *
 * @param closer stops the server when fleetsim started it; does nothing otherwise
 */
public record RunTarget(String host, int port, boolean embedded, AutoCloseable closer) {

    public String uri() {
        return "coap://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** A server fleetsim did not start. */
    public static RunTarget external(String host, int port) {
        return new RunTarget(host, port, false, () -> { });
    }
}
