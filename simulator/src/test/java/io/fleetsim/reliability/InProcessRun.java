package io.fleetsim.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.engine.FleetEngine;
import io.fleetsim.engine.RunOptions;
import io.fleetsim.engine.RunOutcome;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.reports.HtmlReport;
import io.fleetsim.reports.JunitReport;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;

/**
 * A whole run in this JVM against a server on loopback, as the command line does it (results
 * directory, report), keeping what tests look at afterwards: the summary, the timeline and what
 * was still alive when the devices had stopped.
 */
record InProcessRun(Path dir, RunOutcome outcome, FleetEngine.Leftovers leftovers) {

    /** A UDP fleet against 127.0.0.1:{@code port}; {@code extra} is more top-level YAML. */
    static Scenario scenario(String name, int devices, int port, String extra) {
        return ScenarioLoader.parse("""
                name: %s
                target: coap://127.0.0.1:%d
                fleet:
                  count: %d
                  endpointPrefix: %s-
                arrival:
                  rate: 1000
                %s
                """.formatted(name, port, devices, name, extra), Path.of(name + ".yaml"));
    }

    static InProcessRun of(Scenario scenario, int port, Path dir) throws IOException {
        return of(scenario, port, dir, engine -> { });
    }

    /** As {@link #of(Scenario, int, Path)}, calling {@code during} on this thread once the fleet has started. */
    static InProcessRun of(Scenario scenario, int port, Path dir, java.util.function.Consumer<FleetEngine> during)
            throws IOException {
        return of(scenario, RunTarget.external("127.0.0.1", port), dir, during);
    }

    /** As {@link #of(Scenario, int, Path)} against {@code target} (for one with TLS endpoints and a PKI). */
    static InProcessRun of(Scenario scenario, RunTarget target, Path dir) throws IOException {
        return of(scenario, target, dir, engine -> { });
    }

    static InProcessRun of(Scenario scenario, RunTarget target, Path dir,
            java.util.function.Consumer<FleetEngine> during) throws IOException {
        RunOptions options = RunOptions.defaults(dir).withShards(1).withReportingPeriod(Duration.ofMillis(200))
                .withReport(d -> {
                    HtmlReport.render(d);
                    JunitReport.write(d);
                });
        FleetEngine engine = FleetEngine.start(scenario, target, options);
        during.accept(engine);
        engine.awaitEnd();
        RunOutcome outcome = engine.stop();
        return new InProcessRun(dir, outcome, engine.leftovers());
    }

    JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    /** The {@code registered} column of timeline.csv, one value per reporting period. */
    List<Long> registeredTimeline() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("timeline.csv"));
        int column = List.of(lines.get(0).split(",")).indexOf("registered");
        return lines.stream().skip(1).map(l -> Long.parseLong(l.split(",")[column])).toList();
    }

    /**
     * What the open file descriptors of this process point at ({@code socket:[inode]},
     * {@code anon_inode:[eventpoll]}, file paths), except the jars and JDK modules the class
     * loaders open once and keep.
     */
    static List<String> openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(InProcessRun::target).filter(t -> !t.endsWith(".jar") && !t.endsWith("/modules")
                    && !t.isEmpty()).sorted().toList();
        }
    }

    /** Descriptors open now that were not open in {@code before}. */
    static List<String> openedSince(List<String> before) throws IOException {
        List<String> now = new java.util.ArrayList<>(openFileDescriptors());
        before.forEach(now::remove);
        return now;
    }

    /**
     * As {@link #openedSince}, after giving sockets that are being closed on an event loop up to
     * 3 s to go; what remains, with its address from /proc/net when it is a socket.
     */
    static List<String> awaitClosedSince(List<String> before) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 3_000;
        List<String> opened = openedSince(before);
        while (!opened.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            opened = openedSince(before);
        }
        return opened.stream().map(ListeningSockets::describe).toList();
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
            return ""; // closed while listing (the listing's own descriptor)
        }
    }
}
