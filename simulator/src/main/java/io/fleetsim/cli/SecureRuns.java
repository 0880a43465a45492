package io.fleetsim.cli;

import java.io.IOException;
import java.nio.file.Path;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;

/**
 * What a run with DTLS or TLS groups needs before it starts: the certificates of {@code --pki} or
 * of the results directory.
 */
final class SecureRuns {

    /** Subject of the CA fleetsim makes: {@code CN=fleetsim CA, O=fleetsim}. */
    static final String CA_NAME = "fleetsim CA";

    private SecureRuns() {
    }

    static boolean usesDtls(Scenario scenario) {
        return scenario.groups().stream().anyMatch(g -> g.transport() == Transport.DTLS);
    }

    /** Whether a tls group presents x509 client certificates made from the run's PKI. */
    static boolean tlsWithCertificates(Scenario scenario) {
        return scenario.groups().stream()
                .anyMatch(g -> g.transport() == Transport.TLS && g.security().mode() == Security.Mode.X509);
    }

    /**
     * Whether the run needs a PKI: for DTLS groups; for TLS groups against the embedded server
     * (its certificate) or when they present certificates.
     */
    static boolean usesPki(Scenario scenario) {
        boolean tls = scenario.groups().stream().anyMatch(g -> g.transport() == Transport.TLS);
        return usesDtls(scenario) || tls && (scenario.target() == null || tlsWithCertificates(scenario));
    }

    /** The run's PKI, or null when no group needs one. */
    static FleetPki pki(Scenario scenario, Path pkiDir, Path resultsDir) throws IOException {
        if (!usesPki(scenario)) {
            return null;
        }
        return FleetPki.loadOrCreate(pkiDir != null ? pkiDir : resultsDir.resolve("pki"), CA_NAME);
    }
}
