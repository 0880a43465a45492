package io.fleetsim.engine;

/**
 * The server a run talks to: the user's (named by {@code target}) or the embedded one.
 *
 * @param closer stops the server when fleetsim started it; does nothing otherwise
 * @param probe  sends reachability probes (the embedded Leshan server), or null when the server cannot
 */
public record RunTarget(String host, int port, boolean embedded, AutoCloseable closer,
        io.fleetsim.nat.ProbeTarget probe) {

    public RunTarget(String host, int port, boolean embedded, AutoCloseable closer) {
        this(host, port, embedded, closer, null);
    }

    /** The same target with reachability probes sent through {@code probe}. */
    public RunTarget withProbe(io.fleetsim.nat.ProbeTarget probe) {
        return new RunTarget(host, port, embedded, closer, probe);
    }

    public String uri() {
        return "coap://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** A server fleetsim did not start. */
    public static RunTarget external(String host, int port) {
        return new RunTarget(host, port, false, () -> { });
    }
}
