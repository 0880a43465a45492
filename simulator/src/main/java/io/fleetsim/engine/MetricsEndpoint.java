package io.fleetsim.engine;

/**
 * The address of the Prometheus endpoint ({@code GET /metrics}) of a run.
 *
 * @param host address to bind, {@link #DEFAULT_HOST} unless the user names another
 * @param port TCP port; 0 for any free port
 */
public record MetricsEndpoint(String host, int port) {

    /** Loopback only: metrics are not published beyond this machine unless asked for. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public MetricsEndpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port " + port + " is not between 0 and 65535");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("metrics host is empty");
        }
    }
}
