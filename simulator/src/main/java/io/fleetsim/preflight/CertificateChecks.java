package io.fleetsim.preflight;

import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import io.fleetsim.security.IssuerNames;

/**
 * The checks on a server certificate chain captured during a TLS or DTLS handshake: what the
 * certificate says, whether its issuer is the expected one, and whether the chain verifies
 * against the given CA certificates.
 */
final class CertificateChecks {

    private CertificateChecks() {
    }

    static List<Check> of(List<X509Certificate> chain, PreflightOptions options, Instant now) {
        List<Check> checks = new ArrayList<>();
        if (chain.isEmpty()) {
            checks.add(Check.fail("certificate", "the server sent no certificate",
                    "the server (or something in between) offers no certificate: not the service's endpoint",
                    "check the host name and port; a proxy that terminates TLS without a certificate is misconfigured"));
            return checks;
        }
        X509Certificate leaf = chain.get(0);
        checks.add(certificate(leaf, now));
        if (options.expectIssuer() != null) {
            checks.add(issuer(leaf, options.expectIssuer()));
        }
        checks.add(chain(chain, options.caCertificates(), now));
        return checks;
    }

    private static Check certificate(X509Certificate leaf, Instant now) {
        String figure = "subject " + name(leaf.getSubjectX500Principal()) + "; issuer "
                + name(leaf.getIssuerX500Principal()) + "; valid " + leaf.getNotBefore().toInstant() + " to "
                + leaf.getNotAfter().toInstant() + "; key " + keyText(leaf.getPublicKey());
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return Check.fail("certificate", figure + " (expired)",
                    "the server certificate expired on " + leaf.getNotAfter().toInstant()
                            + "; devices that check validity will refuse the handshake",
                    "tell the service operator, or check the device clock if this machine's clock is off");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return Check.fail("certificate", figure + " (not yet valid)",
                    "the server certificate is valid only from " + leaf.getNotBefore().toInstant(),
                    "check this machine's clock; devices with a wrong clock fail the same way");
        }
        return Check.pass("certificate", figure);
    }

    private static Check issuer(X509Certificate leaf, X500Principal expected) {
        X500Principal seen = leaf.getIssuerX500Principal();
        if (IssuerNames.matches(seen, expected)) {
            return Check.pass("issuer", "issued by " + name(seen) + " as expected");
        }
        return Check.fail("issuer", "issued by " + name(seen) + "; expected " + name(expected),
                "probable TLS inspection: a middlebox (firewall, proxy) between here and the service replaced the"
                        + " server certificate with one of its own, and devices will refuse it",
                "exempt the service's host names and ports from TLS inspection on the firewall or proxy, then run"
                        + " preflight again");
    }

    private static Check chain(List<X509Certificate> chain, List<X509Certificate> trusted, Instant now) {
        if (trusted.isEmpty()) {
            return Check.pass("chain", "not verified; partial chains are expected (give --cafile to verify)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Set<TrustAnchor> anchors = trusted.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
            List<X509Certificate> path = chain.stream().filter(c -> !isTrustedRoot(c, trusted)).toList();
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
            return Check.pass("chain", "verified against --cafile (" + trusted.size() + " certificate(s))");
        } catch (Exception e) {
            return Check.fail("chain", "does not verify against --cafile: " + e.getMessage(),
                    "the server certificate was not issued under the CA certificates given; with the expected"
                            + " issuer this is a wrong --cafile, otherwise a certificate from someone else",
                    "check that --cafile holds the service's CA certificates (PEM); look at the issuer line above");
        }
    }

    private static boolean isTrustedRoot(X509Certificate cert, List<X509Certificate> trusted) {
        return trusted.contains(cert) && cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    static String name(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    static String keyText(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bit";
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getOrder().bitLength() + " bit";
        }
        return key.getAlgorithm();
    }
}
