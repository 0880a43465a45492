package io.fleetsim.transport;

import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.CertifiedKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The one Vert.x {@link NetClient} of a shard, which opens a TCP or TLS connection per device.
 * TLS trusts the run's CA (or the JVM's trust store when the run has no PKI), checks the server
 * name, and presents the device's own certificate in x509 mode. Used on the shard's event loop.
 */
public final class TcpConnector {

    /** Longest wait for the TCP connection itself, wall time. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final String bindHost;
    private final TransportEndpoints endpoints;
    private final String fallbackHost;
    private final int fallbackPort;
    private NetClient plainClient;
    private NetClient tlsClient;

    public TcpConnector(Vertx vertx, String bindHost, TransportEndpoints endpoints, String fallbackHost,
            int fallbackPort) {
        this.vertx = vertx;
        this.bindHost = bindHost;
        this.endpoints = endpoints;
        this.fallbackHost = fallbackHost;
        this.fallbackPort = fallbackPort;
    }

    /** Connects a device of {@code transport} ({@code tcp} or {@code tls}). */
    public Future<NetSocket> connect(Transport transport, String endpoint, Security security) {
        TransportEndpoints.HostPort target = endpoints.of(transport)
                .orElse(new TransportEndpoints.HostPort(fallbackHost, fallbackPort));
        ConnectOptions options = new ConnectOptions().setHost(target.host()).setPort(target.port());
        if (target.address() != null) {
            // Connect to the resolved address; the host stays the name TLS checks the certificate against.
            options.setRemoteAddress(SocketAddress.inetSocketAddress(target.port(), target.address()));
        }
        if (transport != Transport.TLS) {
            return plainClient().connect(options);
        }
        options.setSsl(true);
        String expectedIssuer = security.expectIssuer();
        if (expectedIssuer != null) {
            // The issuer decides, not the trust store: a certificate from an inspecting firewall's
            // CA must get through the handshake to be recognised and counted as such.
            options.setSslOptions(issuerCheckedOptions(endpoint, security));
            return tlsClient().connect(options).compose(socket -> TlsIssuerCheck.verify(socket, expectedIssuer));
        }
        if (security.mode() == Security.Mode.X509 && endpoints.pki() != null) {
            options.setSslOptions(deviceCertificateOptions(endpoint));
        }
        return tlsClient().connect(options);
    }

    private ClientSSLOptions issuerCheckedOptions(String endpoint, Security security) {
        ClientSSLOptions options = security.mode() == Security.Mode.X509 && endpoints.pki() != null
                ? deviceCertificateOptions(endpoint) : new ClientSSLOptions();
        return options.setTrustAll(true).setHostnameVerificationAlgorithm("");
    }

    private NetClient plainClient() {
        if (plainClient == null) {
            plainClient = vertx.createNetClient(baseClientOptions());
        }
        return plainClient;
    }

    /** TLS settings live on the client, so its SSL context is built once, not per connection. */
    private NetClient tlsClient() {
        if (tlsClient == null) {
            NetClientOptions options = baseClientOptions().setSsl(true)
                    .setHostnameVerificationAlgorithm("HTTPS");
            if (endpoints.pki() != null) {
                options.setTrustOptions(caTrust());
            }
            tlsClient = vertx.createNetClient(options);
        }
        return tlsClient;
    }

    private NetClientOptions baseClientOptions() {
        return new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS).setTcpNoDelay(true)
                .setLocalAddress(bindHost.equals("0.0.0.0") ? null : bindHost);
    }

    private ClientSSLOptions deviceCertificateOptions(String endpoint) {
        CertifiedKey device = endpoints.pki().device(endpoint);
        return baseOptions().setKeyCertOptions(PemOptions.keyCert(device));
    }

    private PemTrustOptions caTrust() {
        return PemOptions.trust(endpoints.pki().caCertificate());
    }

    private ClientSSLOptions baseOptions() {
        ClientSSLOptions options = new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS");
        if (endpoints.pki() != null) {
            options.setTrustOptions(caTrust());
        }
        return options;
    }

    /** Closes the client and any connection still open. */
    public Future<Void> close() {
        Future<Void> plain = plainClient == null ? Future.succeededFuture() : plainClient.close();
        Future<Void> tls = tlsClient == null ? Future.succeededFuture() : tlsClient.close();
        return Future.join(plain, tls).mapEmpty();
    }
}
