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

import io.fleetsim.device.ShardContext;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ResultsWriter;
import io.fleetsim.metrics.RunInfo;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.Scenario;
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

    private final Scenario scenario;
    private final RunTarget target;
    private final RunOptions options;
    private final Vertx vertx;
    private final SimClock clock;
    private final List<ShardMetrics> shardMetrics = new ArrayList<>();
    private final List<DeviceShard> shards = new ArrayList<>();
    private final ResultsWriter writer;

    private FleetEngine(Scenario scenario, RunTarget target, RunOptions options) throws IOException {
        this.scenario = scenario;
        this.target = target;
        this.options = options;
        int shardCount = shardCount(options, scenario);
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(shardCount)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        Preflight.Result preflight = Preflight.run(vertx, scenario, target, PREFLIGHT_TIMEOUT_MILLIS);
        if (!preflight.registered()) {
            LOG.warn("preflight: a test device could not register with {} ({}); running anyway",
                    target.uri(), preflight.cause());
        }
        this.clock = new SimClock(vertx, scenario.timeScale());
        for (int i = 0; i < shardCount; i++) {
            shardMetrics.add(new ShardMetrics());
        }
        Path dir = options.resultsDir();
        Files.createDirectories(dir);
        copyScenario(dir);
        RunInfo info = new RunInfo(scenario.name(), scenario.source() == null ? null : scenario.source().toString(),
                Instant.now(), scenario.timeScale(), target.uri(), target.embedded(), scenario.deviceCount());
        this.writer = new ResultsWriter(dir, info, shardMetrics, clock);
    }

    /** Starts the fleet; devices begin to arrive at once. */
    public static FleetEngine start(Scenario scenario, RunTarget target, RunOptions options) throws IOException {
        FleetEngine engine = new FleetEngine(scenario, target, options);
        engine.deploy();
        return engine;
    }

    /** Runs the whole scenario and returns when the results are written. */
    public static RunOutcome run(Scenario scenario, RunTarget target, RunOptions options) throws IOException {
        FleetEngine engine = start(scenario, target, options);
        engine.awaitEnd();
        return engine.stop();
    }

    private void deploy() {
        FleetPlan plan = FleetPlan.of(scenario);
        int n = shardMetrics.size();
        List<Future<String>> deployments = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            List<io.fleetsim.device.DeviceIdentity> devices = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (int i = s; i < plan.devices().size(); i += n) {
                devices.add(plan.devices().get(i));
                offsets.add(plan.startOffsetsMillis()[i]);
            }
            ShardMetrics metrics = shardMetrics.get(s);
            long seed = scenario.arrival().seed() * 31 + s;
            DeviceShard shard = new DeviceShard(new DeviceShard.ShardSetup(devices,
                    offsets.stream().mapToLong(Long::longValue).toArray(),
                    v -> ShardContext.create(v, clock, scenario, target.host(), target.port(),
                            bindHostFor(target.host()), metrics, seed, target.endpoints())));
            shards.add(shard);
            deployments.add(vertx.deployVerticle(shard));
        }
        if (!await(Future.all(deployments), 30)) {
            throw new IllegalStateException("the device shards did not start within 30 s");
        }
        writer.start(options.reportingPeriod().toMillis(), this::registeredNow);
    }

    /** Blocks until the scenario's duration has passed in simulated time, reporting progress. */
    public void awaitEnd() {
        long end = scenario.duration().toMillis();
        long period = options.reportingPeriod().toMillis();
        while (clock.nowMillis() < end) {
            long wallLeft = clock.wallDelayMillis(end - clock.nowMillis());
            sleep(Math.min(period, wallLeft));
            options.progress().accept(progressLine());
        }
    }

    /** Stops the fleet (de-registering as the scenario says), writes the results, renders the report. */
    public RunOutcome stop() throws IOException {
        long registeredAtEnd = registeredNow();
        if (options.measureHeap()) {
            System.gc(); // benchmark runs only: the next sample shows the heap the live fleet holds
        }
        List<Future<Void>> stops = new ArrayList<>();
        for (DeviceShard shard : shards) {
            stops.add(shard.stopDevices(scenario.deregisterAtEnd()));
        }
        if (!await(Future.join(stops), options.stopTimeout().toSeconds())) {
            LOG.warn("devices did not all stop within {}; results keep what was measured", options.stopTimeout());
        }
        SummaryJson.Snapshot snapshot = writer.finish(registeredAtEnd, judge -> judge.judge(scenario.thresholds()));
        await(vertx.close(), 10);
        try {
            target.closer().close();
        } catch (Exception e) {
            LOG.warn("could not stop the embedded server: {}", e.toString());
        }
        options.report().accept(options.resultsDir());
        return new RunOutcome(options.resultsDir(), snapshot);
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
        RunTotals t = totals();
        return String.format(java.util.Locale.ROOT, "t=%.0fs/%ds registered=%d/%d started=%d failures=%d retransmissions=%d",
                clock.nowMillis() / 1000.0, scenario.duration().toSeconds(), t.registeredNow(),
                scenario.deviceCount(), t.get(Counter.DEVICES_STARTED),
                t.get(Counter.REGISTRATION_FAILURES) + t.get(Counter.UPDATE_FAILURES), t.get(Counter.RETRANSMISSIONS));
    }

    private void copyScenario(Path dir) throws IOException {
        if (scenario.source() != null && Files.isRegularFile(scenario.source())) {
            Files.copy(scenario.source(), dir.resolve("scenario.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int shardCount(RunOptions options, Scenario scenario) {
        int wanted = options.shards() > 0 ? options.shards() : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(wanted, scenario.deviceCount()));
    }

    /** Loopback targets get loopback sockets; any other target, the wildcard address. */
    static String bindHostFor(String targetHost) {
        if (targetHost.equals("localhost") || targetHost.startsWith("127.")) {
            return "127.0.0.1";
        }
        if (targetHost.equals("::1")) {
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
