package io.fleetsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.fleetsim.engine.ServerHost;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;

/**
 * What a run or a sweep with DTLS or TLS groups needs before it starts: the certificates of
 * {@code --pki} or of the results directory.
 */
final class SecureRuns {

    /** Subject of the CA fleetsim makes: {@code CN=fleetsim CA, O=fleetsim}. */
    static final String CA_NAME = "fleetsim CA";

    private SecureRuns() {
    }

    /** Whether a tls group presents x509 client certificates made from the run's PKI. */
    static boolean tlsWithCertificates(List<DeviceGroup> groups) {
        return groups.stream().anyMatch(g -> g.transport() == Transport.TLS && g.security().mode() == Security.Mode.X509);
    }

    /**
     * Whether the groups need a PKI: for DTLS groups; for TLS groups against the embedded server
     * (its certificate) or when they present certificates.
     */
    static boolean usesPki(List<DeviceGroup> groups, boolean embedded) {
        boolean dtls = groups.stream().anyMatch(g -> g.transport() == Transport.DTLS);
        boolean tls = groups.stream().anyMatch(g -> g.transport() == Transport.TLS);
        return dtls || tls && (embedded || tlsWithCertificates(groups));
    }

    /**
     * The run's PKI, or null when no group needs one; its server certificate names
     * {@code serverHost}, the address the embedded servers listen on, as an IP subjectAltName.
     */
    static FleetPki pki(Scenario scenario, Path pkiDir, Path resultsDir, String serverHost) throws IOException {
        return pki(scenario.groups(), scenario.target() == null, pkiDir, resultsDir, serverHost);
    }

    /**
     * The PKI of {@code groups} (a run's, or every cell's of a sweep) against the embedded servers
     * or not: that of {@code pkiDir} when given, else {@code pki/} in the results directory; null
     * when no group needs one.
     */
    static FleetPki pki(List<DeviceGroup> groups, boolean embedded, Path pkiDir, Path resultsDir) throws IOException {
        return pki(groups, embedded, pkiDir, resultsDir, ServerHost.DEFAULT);
    }

    private static FleetPki pki(List<DeviceGroup> groups, boolean embedded, Path pkiDir, Path resultsDir,
            String serverHost) throws IOException {
        if (!usesPki(groups, embedded)) {
            return null;
        }
        return FleetPki.loadOrCreate(pkiDir != null ? pkiDir : resultsDir.resolve("pki"), CA_NAME, serverHost);
    }
}
