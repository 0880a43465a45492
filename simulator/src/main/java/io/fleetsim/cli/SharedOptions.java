package io.fleetsim.cli;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioOverrides;
import picocli.CommandLine.Option;

/**
 * The options {@code run} and {@code tune} both take, each declared once as a picocli mixin
 * ({@code @Mixin}). A description is the one {@code run} shows; a command that words an option
 * differently (tune speaks of every cell and of its tune results directory) gives its text under
 * the option's {@code descriptionKey} in its resource bundle.
 */
final class SharedOptions {

    private SharedOptions() {
    }

    /** {@code --duration} and {@code --time-scale}: the scenario's clock, overridden. */
    static final class ScenarioClock {

        @Option(names = "--duration", paramLabel = "SECONDS", descriptionKey = "duration",
                description = "override durationSeconds (simulated)")
        Long durationSeconds;

        @Option(names = "--time-scale", paramLabel = "X", description = "override timeScale")
        Double timeScale;

        /** {@code scenario} with the overrides given (checked as the scenario's own keys are). */
        Scenario apply(Scenario scenario) {
            Scenario s = scenario;
            if (durationSeconds != null) {
                s = ScenarioOverrides.withDurationSeconds(s, durationSeconds);
            }
            if (timeScale != null) {
                s = ScenarioOverrides.withTimeScale(s, timeScale);
            }
            return s;
        }
    }

    /** {@code --out DIR}: where the results directory goes. */
    static final class ResultsDir {

        @Option(names = "--out", paramLabel = "DIR", descriptionKey = "out",
                description = "results directory (default results/<scenario>-<yyyyMMdd-HHmmss>)")
        Path out;

        /** The directory given, else {@code fallback}'s. */
        Path orElse(Supplier<Path> fallback) {
            return out != null ? out : fallback.get();
        }
    }

    /** {@code --pki DIR}: the certificates of DTLS and TLS groups. */
    static final class Pki {

        @Option(names = "--pki", paramLabel = "DIR", descriptionKey = "pki",
                description = "certificate authority and server certificate for DTLS and TLS groups: reused from "
                        + "DIR when it holds them, else made there (default: pki/ in the results directory)")
        Path dir;
    }

    /** {@code --quiet}: no progress lines. */
    static final class Quiet {

        @Option(names = "--quiet", description = "no progress lines")
        boolean quiet;
    }

    /**
     * {@code --cluster-host}, {@code --cluster-port}, {@code --cluster-name}, {@code --members} and
     * {@code --cluster-secret}: how {@code agent} and {@code run --cluster} join a cluster.
     */
    static final class Cluster {

        @Option(names = "--cluster-host", paramLabel = "ADDRESS",
                description = "the only address the cluster's sockets bind to (default 127.0.0.1: this machine only)")
        String host;

        @Option(names = "--cluster-port", paramLabel = "N",
                description = "cluster (Hazelcast) port; the next 9 are tried when it is taken (default 5701)")
        Integer port;

        @Option(names = "--cluster-name", paramLabel = "NAME", description = "cluster name (default fleetsim)")
        String name;

        @Option(names = "--members", paramLabel = "HOST[:PORT],...", split = ",",
                description = "cluster members to join by TCP (default: --cluster-host, ports 5701 to 5710); "
                        + "no multicast")
        java.util.List<String> members;

        @Option(names = "--cluster-secret", paramLabel = "SECRET",
                description = "shared secret of the cluster (better: the environment variable "
                        + io.fleetsim.engine.cluster.ClusterSettings.SECRET_ENV + ", which other users cannot see); "
                        + "never logged")
        String secret;

        /** Whether any of these options was given. */
        boolean any() {
            return host != null || port != null || name != null || members != null || secret != null;
        }

        /** The settings given, the secret from the environment when not on the command line. */
        io.fleetsim.engine.cluster.ClusterSettings settings() {
            String theSecret = secret != null ? secret : System.getenv(io.fleetsim.engine.cluster.ClusterSettings.SECRET_ENV);
            try {
                return new io.fleetsim.engine.cluster.ClusterSettings(
                        host != null ? host : io.fleetsim.engine.cluster.ClusterSettings.DEFAULT_HOST,
                        port != null ? port : io.fleetsim.engine.cluster.ClusterSettings.DEFAULT_PORT,
                        name != null ? name : io.fleetsim.engine.cluster.ClusterSettings.DEFAULT_NAME,
                        members != null ? members : java.util.List.of(), theSecret);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
    }
}
