package io.fleetsim.transport;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.security.IssuerNames;
import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;

/**
 * After a TLS handshake, checks that the server's certificate was issued by the expected issuer
 * ({@code expectIssuer}); anything else closes the connection and fails with
 * {@code issuer-mismatch}, the mark of a TLS-inspecting firewall.
 */
final class TlsIssuerCheck {

    private TlsIssuerCheck() {
    }

    static Future<NetSocket> verify(NetSocket socket, String expectedIssuer) {
        X500Principal issuer = leafIssuer(socket);
        if (issuer != null && IssuerNames.matches(issuer, new X500Principal(expectedIssuer))) {
            return Future.succeededFuture(socket);
        }
        socket.close();
        return Future.failedFuture(new CoapFailure(FailureCause.ISSUER_MISMATCH, "server certificate issued by "
                + (issuer == null ? "nobody (no certificate)" : issuer.getName(X500Principal.RFC2253))));
    }

    private static X500Principal leafIssuer(NetSocket socket) {
        try {
            List<Certificate> chain = socket.peerCertificates();
            return !chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf
                    ? leaf.getIssuerX500Principal() : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
