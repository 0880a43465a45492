package io.fleetsim.cli;

import java.io.IOException;
import java.nio.file.Path;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;

/** What a run with DTLS groups needs before it starts: the certificates of {@code --pki} or of the results directory. */
final class SecureRuns {

    /** Subject of the CA fleetsim makes: {@code CN=fleetsim CA, O=fleetsim}. */
    static final String CA_NAME = "fleetsim CA";

    private SecureRuns() {
    }

    static boolean usesDtls(Scenario scenario) {
        return scenario.groups().stream().anyMatch(g -> g.transport() == Transport.DTLS);
    }

    /** The run's PKI, or null when no group uses DTLS. */
    static FleetPki pki(Scenario scenario, Path pkiDir, Path resultsDir) throws IOException {
        if (!usesDtls(scenario)) {
            return null;
        }
        return FleetPki.loadOrCreate(pkiDir != null ? pkiDir : resultsDir.resolve("pki"), CA_NAME);
    }
}
