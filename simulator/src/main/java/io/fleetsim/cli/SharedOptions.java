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
}
