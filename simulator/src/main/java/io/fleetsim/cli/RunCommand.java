package io.fleetsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import io.fleetsim.engine.EmbeddedServers;
import io.fleetsim.engine.FleetEngine;
import io.fleetsim.engine.RunAbort;
import io.fleetsim.engine.MetricsEndpoint;
import io.fleetsim.engine.RunOptions;
import io.fleetsim.engine.RunOutcome;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.engine.ServerHost;
import io.fleetsim.server.ResponderObservation;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.ThresholdResult;
import io.fleetsim.progress.ProgressMode;
import io.fleetsim.progress.ProgressPrinter;
import io.fleetsim.progress.TerminalCheck;
import io.fleetsim.reports.HtmlReport;
import io.fleetsim.reports.JunitReport;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.scenario.ScenarioOverrides;
import io.fleetsim.transport.SocketBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fleetsim run SCENARIO}: runs a scenario and writes a results directory and report. */
@Command(name = "run", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        description = "Run a scenario and write a results directory with summary.json, histograms.hlog, "
                + "timeline.csv and report.html.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario file (YAML)")
    Path scenarioFile;

    @Option(names = "--devices", paramLabel = "N", description = "override fleet.count")
    Integer devices;

    @Option(names = "--target", paramLabel = "URI", description = "override target, e.g. coap://127.0.0.1:5683")
    String target;

    @Mixin
    SharedOptions.ScenarioClock clock;

    @Mixin
    SharedOptions.ResultsDir out;

    @Option(names = "--shards", paramLabel = "N", description = "event loops for devices (default: one per core)")
    int shards;

    @Option(names = "--server", paramLabel = "KIND", defaultValue = "leshan",
            description = "embedded server when the scenario names no target: leshan (default) or minimal "
                    + "(a bare registration responder, to measure the simulator's own cost)")
    String server;

    @Option(names = "--observe", paramLabel = "PATH", description = "with --server minimal: the responder "
            + "observes this resource (e.g. /3303/0/5700) on every device that registers and counts the "
            + "notifications in responder.json (for benchmarks)")
    String observe;

    @Option(names = "--observe-pmin", paramLabel = "SECONDS", description = "with --observe: the responder "
            + "writes pmin (the least time between two notifications) to the observed path before it observes it")
    Long observePmin;

    @Option(names = "--observe-pmax", paramLabel = "SECONDS", description = "with --observe: the responder "
            + "writes pmax (the most time without a notification) to the observed path before it observes it")
    Long observePmax;

    @Option(names = "--measure-heap", description = "force one full GC just before the devices stop, so "
            + "summary.json's process.heapAfterGcMb is the heap the live fleet holds (for benchmarks)")
    boolean measureHeap;

    @Mixin
    SharedOptions.Pki pki;

    @Mixin
    SharedOptions.Quiet quiet;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "when standard error is not a terminal (a CI log, a file), print a progress line every "
                    + "SECONDS of wall time (default 10); on a terminal one line is rewritten every second")
    long progressIntervalSeconds;

    @Option(names = "--metrics-port", paramLabel = "N",
            description = "serve Prometheus metrics at http://HOST:N/metrics while the run goes on "
                    + "(0: any free port, logged at the start); off by default")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS",
            description = "address the metrics endpoint binds to (default 127.0.0.1: this machine only)")
    String metricsHost;

    @Option(names = "--server-host", paramLabel = "ADDRESS",
            description = "address the embedded servers (LwM2M, bootstrap, TCP/TLS) listen on and every URI "
                    + "handed to devices and agents names: an IP address of one of this machine's interfaces, "
                    + "not the wildcard (default 127.0.0.1: this machine only); for agents on other machines "
                    + "(docs/cluster.md, Servers)")
    String serverHostAddress;

    @Option(names = "--cluster", description = "coordinate a clustered run: the devices run in agents "
            + "(fleetsim agent), the server, results and report stay here; see docs/cluster.md")
    boolean clustered;

    @Option(names = "--agents", paramLabel = "N", description = "with --cluster: agents to wait for (default 1)")
    Integer agents;

    @Option(names = "--agent-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "with --cluster: how long to wait for the agents (default 60)")
    long agentTimeoutSeconds;

    @Mixin
    SharedOptions.Cluster cluster;

    @Option(names = "--warmup", paramLabel = "SECONDS|off|auto", defaultValue = "off",
            description = "before the run clock starts, throw-away devices of each group register and de-register "
                    + "for SECONDS of wall time so JIT compilation is not measured; not counted in the results "
                    + "(summary.json: warmup). Default: off; auto: " + WarmupFlag.EMBEDDED_DEFAULT_SECONDS
                    + " s against the embedded server, off against any other target")
    String warmup;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = withOverrides(ScenarioLoader.load(scenarioFile));
        String serverHost = serverHost(scenario);
        ClusterRun clusterRun = clustered ? ClusterRun.check(this, scenario, serverHost) : ClusterRun.none(this);
        MetricsEndpoint metricsEndpoint = metricsEndpoint();
        WarmupFlag warmupFlag = WarmupFlag.parse(warmup);
        if (progressIntervalSeconds < 1) {
            throw new BadInputException("--progress-interval: " + progressIntervalSeconds + " is not a number of seconds (1 or more)");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        Path resultsDir = out.orElse(() -> defaultResultsDir(scenario));
        ResultsDirCheck.requireWritable(resultsDir);
        io.fleetsim.engine.cluster.Coordinator coordinator;
        try {
            coordinator = clusterRun.gather(outWriter);
        } catch (io.fleetsim.engine.cluster.ClusterException e) {
            err.println("fleetsim: " + e.getMessage());
            err.flush();
            return ExitCodes.ABORTED;
        }
        RunTarget runTarget;
        try {
            runTarget = Targets.start(scenario, embeddedKind(),
                    SecureRuns.pki(scenario, pki.dir, resultsDir, serverHost), observation(scenario), serverHost);
        } catch (RuntimeException e) {
            clusterRun.close();
            throw e;
        }
        outWriter.printf("fleetsim: %s: %d devices against %s%s, results in %s%n", scenario.name(),
                scenario.deviceCount(), runTarget.uri(), runTarget.embedded() ? " (embedded " + server + ")" : "", resultsDir);
        outWriter.flush();
        ProgressPrinter progress = ProgressPrinter.of(ProgressMode.choose(quiet.quiet, TerminalCheck.stderrIsTerminal()),
                err, Duration.ofSeconds(progressIntervalSeconds), System::nanoTime);
        RunOptions options = RunOptions.defaults(resultsDir)
                .withShards(shards)
                .withProgress(progress)
                .withReport(RunCommand::writeReports)
                .withMeasureHeap(measureHeap)
                .withMetricsEndpoint(metricsEndpoint)
                .withWarmup(coordinator != null ? Duration.ZERO : warmupFlag.length(runTarget.embedded()));
        RunAbort abort = new RunAbort();
        RunOutcome outcome;
        try (StopSignals signals = StopSignals.install(abort)) {
            if (coordinator != null) {
                coordinator.assign(clusterRun.spec(scenarioFile, devices, clock), scenario, runTarget,
                        options.reportingPeriod());
                outcome = FleetEngine.run(scenario, runTarget, options, abort, coordinator);
            } else {
                outcome = FleetEngine.run(scenario, runTarget, options, abort);
            }
        } catch (io.fleetsim.engine.cluster.ClusterException e) {
            err.println("fleetsim: " + e.getMessage());
            err.flush();
            return ExitCodes.ABORTED;
        } finally {
            progress.finish();
            clusterRun.close();
        }
        if (coordinator != null && !coordinator.agentsLeft().isEmpty()) {
            err.printf("fleetsim: warning: %s left the cluster during the run; their devices count as lost "
                    + "(summary.json: cluster)%n", String.join(", ", coordinator.agentsLeft()));
            err.flush();
        }
        if (observe != null) {
            EmbeddedServers.writeResponderCounts(runTarget, resultsDir);
        }
        EmbeddedServers.writeBootstrapServerCounts(runTarget, resultsDir);
        printVerdict(outWriter, outcome);
        warnIfBehind(err, outcome);
        return exitCode(outcome, err);
    }

    /**
     * 3 when the run was aborted or devices could not get sockets (the fleet was not what the
     * scenario asked for), otherwise the thresholds' verdict.
     */
    private static int exitCode(RunOutcome outcome, PrintWriter err) {
        var summary = outcome.summary();
        if (summary.aborted()) {
            err.printf("fleetsim: the run was aborted (%s) after %.1f s; results of the part that ran are in %s%n",
                    summary.abortReason(), summary.simulatedSeconds(), outcome.resultsDir());
            err.flush();
            return ExitCodes.ABORTED;
        }
        if (summary.totals().failures(FailureKind.REGISTRATION).containsKey(FailureCause.SOCKET_LIMIT.wireName())) {
            err.println("fleetsim: " + SocketBudget.process().exhaustedMessage() + "; results of the part that ran are in "
                    + outcome.resultsDir());
            err.flush();
            return ExitCodes.ABORTED;
        }
        return outcome.passed() ? ExitCodes.PASS : ExitCodes.FAILED;
    }

    /** Says plainly when the simulator could not keep up with its own clock. */
    private static void warnIfBehind(PrintWriter err, RunOutcome outcome) {
        var s = outcome.summary();
        if (s.behind()) {
            err.printf("fleetsim: warning: the simulator fell behind its clock: 99%% of its timers fired within %s ms "
                    + "of simulated time, more than %.0f ms. Results timed near a timeout (pings, updates, NAT "
                    + "mappings) are distorted: run again with a lower timeScale or fewer devices.%n",
                    s.clockHealth().get("simulatedLagP99Ms"), io.fleetsim.metrics.ClockHealth.BEHIND_SIMULATED_MS);
            err.flush();
        }
    }

    private static void printVerdict(PrintWriter out, RunOutcome outcome) {
        var s = outcome.summary();
        Double p99 = io.fleetsim.metrics.LatencySummary.percentile(
                s.histograms().get(io.fleetsim.metrics.LatencyMetric.REGISTRATION), 99);
        out.printf("registered %d of %d devices (%d at the end); registration p99 %s%s%n",
                s.totals().get(io.fleetsim.metrics.Counter.DEVICES_REGISTERED), s.info().plannedDevices(),
                s.registeredAtEnd(), p99 == null ? "no data" : p99 + " ms", unfinished(s.totals()));
        for (ThresholdResult t : s.thresholds()) {
            out.printf("  %s %s (%s)%n", t.pass() ? "PASS" : "FAIL", t.threshold().expression(), t.observedText());
        }
        out.printf("verdict: %s%nreport: %s%n", outcome.passed() ? "PASS" : "FAIL",
                outcome.resultsDir().resolve("report.html"));
        out.flush();
    }

    /** {@code ; still pending at the end: 200 registrations, 3 updates}, or nothing when none was. */
    private static String unfinished(io.fleetsim.metrics.RunTotals totals) {
        StringBuilder text = new StringBuilder();
        String[][] operations = {{"REGISTRATION", "registration", "registrations"},
                {"UPDATE", "update", "updates"}, {"DEREGISTRATION", "de-registration", "de-registrations"}};
        for (String[] operation : operations) {
            long n = totals.inFlight(FailureKind.valueOf(operation[0]));
            if (n > 0) {
                text.append(text.isEmpty() ? "; still pending at the end: " : ", ")
                        .append(n).append(' ').append(n == 1 ? operation[1] : operation[2]);
            }
        }
        return text.toString();
    }

    /** The metrics endpoint the flags ask for, or null; checked before anything starts. */
    private MetricsEndpoint metricsEndpoint() {
        if (metricsPort == null) {
            if (metricsHost != null) {
                throw new BadInputException("--metrics-host: needs --metrics-port");
            }
            return null;
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new BadInputException("--metrics-port: " + metricsPort + " is not a port (0 to 65535)");
        }
        return new MetricsEndpoint(metricsHost != null ? metricsHost : MetricsEndpoint.DEFAULT_HOST, metricsPort);
    }

    /**
     * The address the embedded servers listen on: {@code --server-host}, checked before anything
     * starts (an IP address of this machine's interfaces, not the wildcard, for a run that starts
     * embedded servers), else 127.0.0.1.
     */
    private String serverHost(Scenario scenario) {
        if (serverHostAddress == null) {
            return clusterServerHost(scenario);
        }
        String host;
        try {
            host = ServerHost.check(serverHostAddress);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--server-host: " + e.getMessage());
        }
        if (!Targets.startsEmbedded(scenario)) {
            String served = scenario.target() != null ? "the scenario's target " + scenario.target()
                    + " serves every group" : "every group has a target of its own";
            throw new BadInputException("--server-host " + serverHostAddress + ": this run starts no embedded server ("
                    + served + ", and no group asks for the embedded bootstrap server); leave --server-host out");
        }
        return host;
    }

    /**
     * Without {@code --server-host}: in a clustered run on a network address ({@code --cluster-host}
     * not on loopback) that starts embedded servers, they listen on the cluster host, where the
     * agents on other machines already reach the coordinator; else 127.0.0.1. A cluster host that is
     * not an address of this machine is left to {@link ClusterRun#check} to refuse.
     */
    String clusterServerHost(Scenario scenario) {
        if (!clustered || !Targets.startsEmbedded(scenario)) {
            return ServerHost.DEFAULT;
        }
        String clusterHost = cluster.settings().host();
        if (ServerHost.isLoopback(clusterHost)) {
            return ServerHost.DEFAULT;
        }
        try {
            String host = ServerHost.check(clusterHost);
            PrintWriter err = spec.commandLine().getErr();
            err.println("fleetsim: the embedded servers listen on " + host + " (--cluster-host), where agents on other "
                    + "machines reach them; --server-host chooses another address");
            err.flush();
            return host;
        } catch (IllegalArgumentException e) {
            return ServerHost.DEFAULT;
        }
    }

    /** The --observe path and periods, checked: only the embedded minimal responder observes. */
    private ResponderObservation observation(Scenario scenario) {
        if (observe == null) {
            if (observePmin != null || observePmax != null) {
                throw new BadInputException((observePmin != null ? "--observe-pmin" : "--observe-pmax")
                        + ": needs --observe PATH (the responder writes it to the path it observes)");
            }
            return null;
        }
        if (!"minimal".equals(server) || scenario.target() != null) {
            throw new BadInputException("--observe: only the embedded minimal responder observes devices; "
                    + "add --server minimal (and no target in the scenario)");
        }
        try {
            return new ResponderObservation(observe, observePmin, observePmax);
        } catch (IllegalArgumentException e) {
            String flag = e.getMessage().startsWith("pmin") ? "--observe-pmin"
                    : e.getMessage().startsWith("pmax") ? "--observe-pmax" : "--observe";
            throw new BadInputException(flag + ": " + e.getMessage());
        }
    }

    private Targets.Embedded embeddedKind() {
        return switch (server) {
            case "leshan" -> Targets.Embedded.LESHAN;
            case "minimal" -> Targets.Embedded.MINIMAL;
            default -> throw new BadInputException("--server: '" + server + "' is not a server (use leshan or minimal)");
        };
    }

    private Scenario withOverrides(Scenario scenario) {
        if (devices != null) {
            scenario = ScenarioOverrides.withDeviceCount(scenario, devices);
        }
        if (target != null) {
            scenario = ScenarioOverrides.withTarget(scenario, target);
        }
        return clock.apply(scenario);
    }

    /** What a finished run leaves beside its results: the HTML report and the JUnit XML of its thresholds. */
    static void writeReports(Path resultsDir) {
        HtmlReport.render(resultsDir);
        JunitReport.write(resultsDir);
    }

    static Path defaultResultsDir(Scenario scenario) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("results", scenario.name() + "-" + stamp);
    }
}
