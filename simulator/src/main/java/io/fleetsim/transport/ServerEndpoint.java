package io.fleetsim.transport;

/**
 * Where the devices of one group go.
 *
 * @param host    the server's host as the scenario names it: TLS checks the server's certificate
 *                against it and sends it as SNI when it is a name
 * @param port    the server's port
 * @param address the host's IP literal now, which packets and connections go to; followed after
 *                its DNS TTL when the group follows DNS
 */
public record ServerEndpoint(String host, int port, HostAddress address) {

    /** An endpoint whose address never changes. */
    public static ServerEndpoint fixed(String host, int port, String address) {
        return new ServerEndpoint(host, port, HostAddress.fixed(host, address));
    }

    /** The same endpoint with its address as it is now, never to change. */
    public ServerEndpoint snapshot() {
        return new ServerEndpoint(host, port, address.snapshot());
    }
}
