package io.fleetsim.transport.dtls;

import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import io.fleetsim.security.IssuerNames;

import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.CertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * Checks the issuer of the server's certificate before the usual chain verification: a server
 * certificate issued by anyone but {@code expectedIssuer} is the mark of a TLS-inspecting
 * firewall, and fails the handshake with {@link IssuerMismatchException}. The names are compared
 * attribute by attribute, in any order, since tools print them in either order
 * ({@code openssl} most significant first, RFC 2253 least significant first).
 */
final class IssuerCheckingVerifier implements CertificateVerifier {

    private final X500Principal expectedIssuer;
    private final CertificateVerifier chainVerifier;

    IssuerCheckingVerifier(String expectedIssuer, CertificateVerifier chainVerifier) {
        this.expectedIssuer = new X500Principal(expectedIssuer);
        this.chainVerifier = chainVerifier;
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
            InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath,
            CertificateMessage message) {
        List<? extends Certificate> chain = message.getCertificateChain() == null ? List.of()
                : message.getCertificateChain().getCertificates();
        if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf
                && !IssuerNames.matches(leaf.getIssuerX500Principal(), expectedIssuer)) {
            return new CertificateVerificationResult(cid, new IssuerMismatchException(
                    leaf.getIssuerX500Principal().getName(X500Principal.RFC2253)));
        }
        return chainVerifier.verifyCertificate(cid, serverName, remotePeer, clientUsage, verifySubject,
                truncateCertificatePath, message);
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return chainVerifier.getSupportedCertificateTypes();
    }

    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return chainVerifier.getAcceptedIssuers();
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        chainVerifier.setResultHandler(resultHandler);
    }

    /** The server certificate was issued by someone else than expected. */
    static final class IssuerMismatchException extends HandshakeException {
        private static final long serialVersionUID = 1L;

        IssuerMismatchException(String actualIssuer) {
            super("server certificate issued by '" + actualIssuer + "'",
                    new AlertMessage(AlertLevel.FATAL, AlertDescription.BAD_CERTIFICATE));
        }
    }
}
