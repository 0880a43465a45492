package io.fleetsim.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.base.SimClock;
import io.fleetsim.device.ShardContext;
import io.fleetsim.metrics.FleetMeters;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.LiveFigures;
import io.fleetsim.metrics.MetricsHttpServer;
import io.fleetsim.metrics.ResultsWriter;
import io.fleetsim.metrics.RunInfo;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.progress.ProgressTracker;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.transport.GroupTargets;
import io.fleetsim.transport.HostAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * Runs a scenario: spreads the fleet over one {@link DeviceShard} per event loop, drives it on
 * the scaled clock for the scenario's duration, stops it and leaves a results directory.
 * The methods here block and must be called from a plain thread (the command line's main
 * thread, a test), never from an event loop.
 */
public final class FleetEngine {

    private static final Logger LOG = LoggerFactory.getLogger(FleetEngine.class);
    private static final long PREFLIGHT_TIMEOUT_MILLIS = 5_000;
    /** Wall time an aborted run gives its devices to de-register. */
    private static final long ABORT_STOP_TIMEOUT_SECONDS = 3;
    /** Wall time between handing agents their shares and the common start of a clustered run. */
    private static final long REMOTE_START_LEAD_MILLIS = 2_000;

    private final Scenario scenario;
    private final RunTarget target;
    /** The target with IP literals for names, resolved once before the run: what devices use. */
    private final RunTarget addresses;
    /** The run's host names and their addresses, followed after their DNS TTL. */
    private final HostAddresses hosts;
    /** Where DNS lookups are counted. */
    private final ShardMetrics dnsMetrics = new ShardMetrics();
    /** Where each group's devices go. */
    private final GroupTargets targets;
    /** Where the device sockets bind. */
    private final String bindHost;
    private final RunOptions options;
    private final Vertx vertx;
    private final SimClock clock;
    private final List<ShardMetrics> shardMetrics = new ArrayList<>();
    private final List<DeviceShard> shards = new ArrayList<>();
    private final ResultsWriter writer;
    private io.fleetsim.nat.ReachabilityProber prober;
    private RunAbort abort = new RunAbort();
    private Leftovers leftovers;
    /** Timers of server outage steps not yet fired. */
    private final java.util.Set<Long> outageTimers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Runs the server outage steps, when the scenario has any. */
    private java.util.concurrent.ExecutorService outageThread;

    /**
     * What was still alive once every device had stopped, before Vert.x closed: all zero unless
     * something leaks.
     *
     * @param liveTimers    timers of the run's clock neither fired nor cancelled
     * @param openExchanges CoAP requests still waiting for a response
     * @param deviceSockets device sockets of this process still open
     */
    public record Leftovers(long liveTimers, long openExchanges, long deviceSockets) {
    }
    private final ProgressTracker progress;
    /** What the warm-up before the run clock did, or null when there was none. */
    private final Warmup.Result warmup;
    private MetricsHttpServer metricsServer;
    /** The agents of a clustered run, or null: then every device runs in this process. */
    private final RemoteShards remote;
    private final int localShards;
    /** Wall time (this machine's) at which the scenario clock reads 0. */
    private final long startEpochMillis;
    /** The planned active devices of the run's load stages (summary.json {@code arrival}). */
    private final StagePlan stagePlan;
    /** Devices registered at each stage's end, by index in {@link StagePlan#stageEnds()}, once the clock passed it. */
    private final java.util.Map<Integer, Long> registeredAtStageEnds = new java.util.concurrent.ConcurrentHashMap<>();
    /** Timers of stage ends not yet reached. */
    private final java.util.Set<Long> stageEndTimers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FleetEngine(Scenario scenario, RunTarget target, RunOptions options, RemoteShards remote)
            throws IOException {
        this.scenario = scenario;
        this.target = target;
        this.stagePlan = StagePlan.of(scenario);
        this.hosts = GroupEndpoints.hostAddresses(scenario, dnsMetrics);
        try {
            this.addresses = target.resolved(hosts::literal);
            this.targets = GroupEndpoints.of(scenario, target, hosts);
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
        this.bindHost = GroupEndpoints.bindHost(scenario, targets, addresses.host());
        this.options = options;
        this.remote = remote;
        if (remote == null) {
            checkSockets(scenario, addresses, target); // a clustered run's agents check their own
        }
        int shardCount = remote == null ? shardCount(options, scenario) : 1;
        this.localShards = remote == null ? shardCount : 0;
        this.vertx = FleetVertx.create(new VertxOptions()
                .setEventLoopPoolSize(shardCount)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        Preflight.Result preflight = Preflight.run(vertx, scenario, addresses, targets, bindHost,
                PREFLIGHT_TIMEOUT_MILLIS);
        if (!preflight.registered()) {
            LOG.warn("preflight: a test device could not register with {} ({}); running anyway",
                    target.uri(), preflight.cause());
        }
        this.warmup = remote == null && !options.warmup().isZero() && preflight.registered()
                ? warmUp(scenario, options.warmup()) : null;
        if (remote == null) {
            this.clock = new SimClock(vertx, scenario.timeScale());
            this.startEpochMillis = System.currentTimeMillis();
        } else {
            this.startEpochMillis = System.currentTimeMillis() + REMOTE_START_LEAD_MILLIS;
            this.clock = SimClock.startingAt(vertx, scenario.timeScale(), startEpochMillis);
        }
        for (int i = 0; i < localShards; i++) {
            shardMetrics.add(new ShardMetrics());
        }
        if (remote != null) {
            shardMetrics.addAll(remote.metrics());
        }
        Path dir = options.resultsDir();
        Files.createDirectories(dir);
        copyScenario(dir);
        RunInfo info = new RunInfo(scenario.name(), scenario.source() == null ? null : scenario.source().toString(),
                Instant.now(), scenario.timeScale(), target.uri(), target.embedded(), scenario.deviceCount(),
                scenario.radio(), scenario.allEvents(), SourceAddressCheck.devicesPerAddress(scenario));
        this.writer = new ResultsWriter(dir, info, shardMetrics, clock);
        writer.extraSections(this::extraSections);
        this.progress = new ProgressTracker(liveFigures(), scenario.duration().toSeconds());
    }

    /** Throw-away registrations on every event loop, before the clock and the results start. */
    private Warmup.Result warmUp(Scenario scenario, java.time.Duration length) {
        LOG.info("warm-up: throw-away devices register for {} s before the run starts", length.toSeconds());
        Warmup.Result result = Warmup.run(vertx, localShards, scenario, addresses, targets, bindHost, length);
        LOG.info("warm-up: {} registrations ({} failed) in {} s", result.operations(), result.failures(),
                Math.round(result.seconds() * 10) / 10.0);
        return result;
    }

    /** Sections of summary.json beyond the run's own: the agents' (clustered run) and the warm-up's. */
    private java.util.Map<String, Object> extraSections() {
        java.util.Map<String, Object> sections = new java.util.LinkedHashMap<>();
        if (remote != null) {
            sections.putAll(remote.summarySections());
        }
        if (warmup != null) {
            sections.put("warmup", warmup.toJson());
        }
        putCapacitySections(sections);
        return sections;
    }

    /**
     * The sections of a capacity run: the load stages' plan ({@code arrival}) and what the embedded
     * server's registration limit did ({@code server}), each only when the run has one.
     */
    private void putCapacitySections(java.util.Map<String, Object> sections) {
        java.util.Map<String, Object> plan = stagePlan.toJson(registeredAtStageEnds);
        if (plan != null) {
            sections.put("arrival", plan);
        }
        java.util.Map<String, Object> protection = EmbeddedServers.protectionSummary(target);
        if (protection != null) {
            sections.put("server", protection);
        }
    }

    /**
     * Before anything starts: refuses source addresses this machine does not have or that cannot
     * reach the target (stopping the embedded server), and says how many devices cannot get a socket.
     */
    private static void checkSockets(Scenario scenario, RunTarget resolved, RunTarget target) {
        try {
            SourceAddressCheck.check(scenario, resolved);
        } catch (RuntimeException e) {
            try {
                target.closer().close();
            } catch (Exception closing) {
                LOG.warn("could not stop the embedded server: {}", closing.toString());
            }
            throw e;
        }
        SocketBudgetCheck.problems(scenario, bindHostFor(resolved.host())).forEach(LOG::warn);
    }

    /** Starts the fleet; devices begin to arrive at once. */
    public static FleetEngine start(Scenario scenario, RunTarget target, RunOptions options) throws IOException {
        FleetEngine engine = new FleetEngine(scenario, target, options, null);
        engine.deploy();
        return engine;
    }

    /** Runs the whole scenario and returns when the results are written. */
    public static RunOutcome run(Scenario scenario, RunTarget target, RunOptions options) throws IOException {
        return run(scenario, target, options, new RunAbort());
    }

    /**
     * Runs the whole scenario, or until {@code abort} is requested, and returns when the results
     * are written; an aborted run's summary says so.
     */
    public static RunOutcome run(Scenario scenario, RunTarget target, RunOptions options, RunAbort abort)
            throws IOException {
        FleetEngine engine = start(scenario, target, options);
        engine.abort = abort;
        engine.awaitEnd();
        return engine.stop();
    }

    /**
     * Runs the whole scenario with every device in {@code remote} (the agents of a clustered run),
     * the server, probes, metrics endpoint and results here, and returns when the results are
     * written. The devices start on a common clock a moment after this is called.
     */
    public static RunOutcome run(Scenario scenario, RunTarget target, RunOptions options, RunAbort abort,
            RemoteShards remote) throws IOException {
        FleetEngine engine = new FleetEngine(scenario, target, options, java.util.Objects.requireNonNull(remote));
        engine.abort = abort;
        engine.deploy();
        engine.awaitEnd();
        return engine.stop();
    }

    private void deploy() {
        startMetricsEndpoint();
        FleetPlan plan = FleetPlan.of(scenario);
        if (remote != null) {
            startRemote();
        }
        int n = localShards;
        List<Future<String>> deployments = new ArrayList<>();
        List<List<FleetPlan.Step>> shardSteps = plan.stepsByShard(n, device -> device);
        List<io.fleetsim.scenario.RunEvent.ReconnectStorm> storms = scenario.reconnectStorms();
        for (int s = 0; s < n; s++) {
            List<io.fleetsim.device.DeviceIdentity> devices = new ArrayList<>();
            for (int i = s; i < plan.devices().size(); i += n) {
                devices.add(plan.devices().get(i));
            }
            ShardMetrics metrics = shardMetrics.get(s);
            long seed = scenario.arrival().seed() * 31 + s;
            DeviceShard shard = new DeviceShard(new DeviceShard.ShardSetup(devices, shardSteps.get(s),
                    v -> shardContext(v, clock, scenario, addresses, targets, bindHost, metrics, seed), storms,
                    seed * 13 + 5));
            shards.add(shard);
            deployments.add(vertx.deployVerticle(shard));
        }
        if (!await(Future.all(deployments), 30)) {
            throw new IllegalStateException("the device shards did not start within 30 s");
        }
        shardMetrics.add(dnsMetrics);
        startProbes(plan);
        armOutages();
        armStageEnds();
        writer.start(options.reportingPeriod().toMillis(), this::registeredNow);
    }

    /** Gives the agents their shares and waits here, in the plain thread, until the common start. */
    private void startRemote() {
        try {
            remote.start(startEpochMillis, clock);
        } catch (RuntimeException e) {
            await(vertx.close(), 10);
            try {
                writer.close();
                target.closer().close();
            } catch (Exception closing) {
                LOG.warn("could not stop cleanly: {}", closing.toString());
            }
            if (metricsServer != null) {
                metricsServer.close();
            }
            throw e;
        }
        sleep(startEpochMillis - System.currentTimeMillis());
    }

    /** Reachability probes, when the scenario asks for them and the server can send them. */
    private void startProbes(FleetPlan plan) {
        if (!scenario.probe().enabled()) {
            return;
        }
        if (target.probe() == null) {
            LOG.warn("probe: only the embedded server can send reachability probes; none are sent to {}", target.uri());
            return;
        }
        ShardMetrics probeMetrics = new ShardMetrics();
        shardMetrics.add(probeMetrics);
        List<String> endpoints = plan.devices().stream().map(io.fleetsim.device.DeviceIdentity::endpoint).toList();
        long seed = scenario.arrival().seed() * 17 + 3;
        prober = new io.fleetsim.nat.ReachabilityProber(vertx, clock, target.probe(),
                io.fleetsim.nat.ReachabilityProber.sample(endpoints, scenario.probe().sample(), seed),
                scenario.probe().ratePerSecond(), probeMetrics, seed);
        prober.start();
    }

    private void startMetricsEndpoint() {
        MetricsEndpoint endpoint = options.metricsEndpoint();
        if (endpoint == null) {
            return;
        }
        try {
            metricsServer = MetricsHttpServer.start(endpoint.host(), endpoint.port(), new FleetMeters(liveFigures()));
        } catch (IllegalStateException e) {
            await(vertx.close(), 10);
            hosts.close();
            try {
                writer.close();
                target.closer().close();
            } catch (Exception closing) {
                LOG.warn("could not stop cleanly: {}", closing.toString());
            }
            throw e;
        }
        LOG.info("Prometheus metrics at http://{}:{}/metrics", endpoint.host(), metricsServer.port());
    }

    /** What the run measured so far, for the progress line and the metrics endpoint. */
    public LiveFigures liveFigures() {
        return new LiveFigures() {
            @Override
            public RunTotals totals() {
                return FleetEngine.this.totals();
            }

            @Override
            public long plannedDevices() {
                return scenario.deviceCount();
            }

            @Override
            public Double percentileMs(LatencyMetric metric, double percentile) {
                return writer.wholeRunPercentileMs(metric, percentile);
            }
        };
    }

    /** The port of the metrics endpoint while the run goes on, or -1 when there is none. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /**
     * Blocks until the scenario's duration has passed in simulated time, or an abort is
     * requested, reporting progress.
     */
    public void awaitEnd() {
        long end = scenario.duration().toMillis();
        long period = options.reportingPeriod().toMillis();
        while (clock.nowMillis() < end && !abort.isRequested()) {
            long wallLeft = clock.wallDelayMillis(end - clock.nowMillis());
            if (abort.await(Math.min(period, wallLeft))) {
                break;
            }
            options.progress().accept(progressLine());
        }
    }

    /** The embedded servers stop ({@code start} false) or come back, at simulated {@code atMillis}. */
    private record OutageStep(long atMillis, boolean start) {
        void run(RunTarget target) {
            if (!(target.closer() instanceof ServerOutage servers)) {
                LOG.warn("serverOutage: {} is not an embedded server; the event is skipped", target.uri());
                return;
            }
            try {
                if (start) {
                    servers.startServers();
                    LOG.info("serverOutage: the embedded server is back, with an empty registration store");
                } else {
                    servers.stopServers();
                    LOG.info("serverOutage: the embedded server stopped");
                }
            } catch (Exception e) {
                LOG.warn("serverOutage: could not {} the embedded server: {}", start ? "restart" : "stop",
                        e.toString());
            }
        }
    }

    /**
     * Arms the server outages of the scenario on the simulated clock; each stop and start runs on
     * a worker thread, as both block.
     */
    private void armOutages() {
        java.util.Deque<OutageStep> steps = outageSteps();
        if (steps.isEmpty()) {
            return;
        }
        // one plain thread, in step order: stopping an embedded server waits on its Vert.x instance,
        // which is refused on any Vert.x thread
        outageThread = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fleetsim-server-outage");
            thread.setDaemon(true);
            return thread;
        });
        for (OutageStep step : steps) {
            outageTimers.add(clock.scheduleAt(step.atMillis(), id -> {
                outageTimers.remove(id);
                outageThread.execute(() -> step.run(target));
            }));
        }
    }

    /** Counts the registered devices at the end of each load stage, for summary.json's arrival.stages. */
    private void armStageEnds() {
        List<StagePlan.StageEnd> ends = stagePlan.stageEnds();
        for (int i = 0; i < ends.size(); i++) {
            int index = i;
            stageEndTimers.add(clock.scheduleAt(Math.round(ends.get(i).endSeconds() * 1000), id -> {
                stageEndTimers.remove(id);
                registeredAtStageEnds.put(index, registeredNow());
            }));
        }
    }

    private java.util.Deque<OutageStep> outageSteps() {
        List<OutageStep> steps = new ArrayList<>();
        for (io.fleetsim.scenario.RunEvent event : scenario.events()) {
            if (event instanceof io.fleetsim.scenario.RunEvent.ServerOutage outage) {
                long at = Math.round(outage.atSeconds() * 1000);
                steps.add(new OutageStep(at, false));
                steps.add(new OutageStep(at + Math.round(outage.seconds() * 1000), true));
            }
        }
        steps.sort(java.util.Comparator.comparingLong(OutageStep::atMillis));
        return new java.util.ArrayDeque<>(steps);
    }

    /** Stops the fleet (de-registering as the scenario says), writes the results, renders the report. */
    public RunOutcome stop() throws IOException {
        // agents' tallies bring their latest figures with them: count the registered after them
        List<io.fleetsim.metrics.GroupFigures> remoteFirst = remote == null ? null : tallyGroups();
        long registeredAtEnd = registeredNow();
        writer.groups(remoteFirst != null ? remoteFirst : tallyGroups());
        if (prober != null) {
            prober.stop();
        }
        for (long timer : outageTimers) {
            clock.cancel(timer);
        }
        for (long timer : stageEndTimers) {
            clock.cancel(timer);
        }
        if (outageThread != null) {
            outageThread.shutdown();
            try {
                outageThread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (options.measureHeap()) {
            System.gc(); // benchmark runs only: the next sample shows the heap the live fleet holds
        }
        List<Future<Void>> stops = new ArrayList<>();
        for (DeviceShard shard : shards) {
            stops.add(shard.stopDevices(scenario.deregisterAtEnd()));
        }
        if (remote != null) {
            stops.add(remote.stopDevices(scenario.deregisterAtEnd()));
        }
        long stopSeconds = abort.isRequested()
                ? Math.min(ABORT_STOP_TIMEOUT_SECONDS, options.stopTimeout().toSeconds())
                : options.stopTimeout().toSeconds();
        if (!await(Future.join(stops), stopSeconds)) {
            LOG.warn("devices did not all stop within {} s; their requests still without an answer count as "
                    + "unfinished", stopSeconds);
            List<Future<Void>> abandoned = new ArrayList<>();
            for (DeviceShard shard : shards) {
                abandoned.add(shard.abandonDevices());
            }
            if (remote != null) {
                abandoned.add(remote.abandonDevices());
            }
            await(Future.join(abandoned), 5);
        }
        leftovers = new Leftovers(clock.liveTimers(),
                shardMetrics.stream().mapToLong(ShardMetrics::openExchanges).sum(),
                io.fleetsim.transport.SocketBudget.process().inUse());
        SummaryJson.Snapshot snapshot = writer.finish(registeredAtEnd, judge -> judge.judge(scenario.thresholds()),
                abort.reason());
        if (metricsServer != null) {
            metricsServer.close();
        }
        await(vertx.close(), 10);
        hosts.close();
        try {
            target.closer().close();
        } catch (Exception e) {
            LOG.warn("could not stop the embedded server: {}", e.toString());
        }
        options.report().accept(options.resultsDir());
        return new RunOutcome(options.resultsDir(), snapshot);
    }

    /** Per-group figures counted from the devices of every shard; empty if the shards do not answer in time. */
    private List<io.fleetsim.metrics.GroupFigures> tallyGroups() {
        List<io.fleetsim.metrics.GroupFigures> planned = scenario.groups().stream()
                .map(g -> io.fleetsim.metrics.GroupFigures.planned(g.name(), g.transport().key(), g.count()))
                .toList();
        List<Future<List<io.fleetsim.metrics.GroupFigures>>> tallies = new ArrayList<>();
        for (DeviceShard shard : shards) {
            tallies.add(shard.tallyGroups());
        }
        if (remote != null) {
            tallies.add(remote.tallyGroups());
        }
        if (!await(Future.all(tallies), 5)) {
            return planned;
        }
        return io.fleetsim.metrics.GroupFigures.merge(planned, tallies.stream().map(Future::result).toList());
    }

    /** What was still alive when the devices had stopped; null before {@link #stop()}. */
    public Leftovers leftovers() {
        return leftovers;
    }

    public SimClock clock() {
        return clock;
    }

    public Vertx vertx() {
        return vertx;
    }

    public RunTotals totals() {
        return RunTotals.collect(shardMetrics);
    }

    public long registeredNow() {
        return shardMetrics.stream().mapToLong(ShardMetrics::registeredNow).sum();
    }

    /** Blocks until at least {@code count} devices are registered or the wall timeout passes. */
    public boolean awaitRegistered(long count, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (registeredNow() < count) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            sleep(20);
        }
        return true;
    }

    private String progressLine() {
        return progress.next(clock.nowMillis()).line();
    }

    private void copyScenario(Path dir) throws IOException {
        if (scenario.source() != null && Files.isRegularFile(scenario.source())) {
            ScenarioCopy.write(scenario.source(), dir.resolve("scenario.yaml"));
        }
    }

    private static int shardCount(RunOptions options, Scenario scenario) {
        int wanted = options.shards() > 0 ? options.shards() : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(wanted, scenario.deviceCount()));
    }

    /**
     * What the devices of one shard share, for a target whose names are {@link RunTarget#resolved()}
     * and groups whose devices go where {@code targets} says, from sockets bound to {@code bindHost}.
     */
    static ShardContext shardContext(Vertx vertx, SimClock clock, Scenario scenario, RunTarget resolved,
            GroupTargets targets, String bindHost, ShardMetrics metrics, long seed) {
        return ShardContext.create(vertx, clock, scenario, resolved.host(), resolved.port(), bindHost, metrics, seed,
                resolved.dtls(), resolved.endpoints(), targets, bootstrapUris(resolved));
    }

    /**
     * Where the devices of each bootstrapping group send their Bootstrap-Request: the group's own
     * bootstrap server ({@code bootstrap.uri}, {@code bootstrapTarget}), else the embedded one of
     * {@code target} (its DTLS endpoint for a dtls group with PSK, which bootstraps with its group's
     * credentials); null when neither is there (the devices count {@code bad-config}).
     */
    static java.util.function.Function<io.fleetsim.scenario.DeviceGroup, String> bootstrapUris(RunTarget target) {
        String embedded = EmbeddedServers.bootstrapUri(target).orElse(null);
        String embeddedSecure = EmbeddedServers.bootstrapSecureUri(target).orElse(null);
        return group -> {
            if (group.target().bootstrapUri() != null) {
                return group.target().bootstrapUri();
            }
            if (!group.target().bootstrap()) {
                return null;
            }
            return EmbeddedServers.bootstrapsOverDtls(group) && embeddedSecure != null ? embeddedSecure : embedded;
        };
    }

    /**
     * Loopback targets get loopback sockets; any other target, the wildcard address. The IPv6
     * loopback may come spelt out ({@code 0:0:0:0:0:0:0:1}) when {@code localhost} resolved to it.
     */
    static String bindHostFor(String targetHost) {
        if (targetHost.equals("localhost") || targetHost.startsWith("127.")) {
            return "127.0.0.1";
        }
        if (targetHost.equals("::1") || targetHost.equals("0:0:0:0:0:0:0:1")) {
            return "::1";
        }
        return "0.0.0.0";
    }

    private static boolean await(Future<?> future, long seconds) {
        try {
            future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
