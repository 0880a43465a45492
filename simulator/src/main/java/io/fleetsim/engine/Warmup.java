package io.fleetsim.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.fleetsim.base.SimClock;
import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.device.ShardContext;
import io.fleetsim.device.VirtualDevice;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.transport.GroupTargets;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A JIT warm-up before the run clock starts: on every event loop, throw-away devices
 * ({@code <prefix>warmup-N}) of each group of the scenario, so of each transport it uses,
 * register and de-register with the target again and again for the given wall time. The
 * connect, handshake, CoAP and Register code of both sides is then compiled before the first
 * measured device arrives. Nothing they do is counted in the results: they count into scratch
 * metrics, and the results (and the {@code cpu} block) start after the warm-up ended.
 */
final class Warmup {

    /** Throw-away devices each event loop keeps registering at once. */
    private static final int DEVICES_PER_LOOP = 16;

    /**
     * What the warm-up did, for summary.json's {@code warmup} block.
     *
     * @param seconds    wall seconds it ran
     * @param operations registrations the throw-away devices completed
     * @param failures   registrations that failed or timed out
     */
    record Result(double seconds, long operations, long failures) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("seconds", Math.round(seconds * 10) / 10.0);
            json.put("operations", operations);
            json.put("failures", failures);
            return json;
        }
    }

    private Warmup() {
    }

    /** Blocks (plain thread only) for about {@code length} of wall time while throw-away devices register. */
    static Result run(Vertx vertx, int loops, Scenario scenario, RunTarget target, GroupTargets targets,
            String bindHost, Duration length) {
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        AtomicLong failures = new AtomicLong();
        List<ShardMetrics> scratch = new ArrayList<>();
        List<Future<Void>> done = new ArrayList<>();
        SimClock clock = new SimClock(vertx, scenario.timeScale());
        for (int loop = 0; loop < loops; loop++) {
            ShardMetrics metrics = new ShardMetrics();
            scratch.add(metrics);
            Context context = vertx.getOrCreateContext();
            Promise<Void> loopDone = Promise.promise();
            done.add(loopDone.future());
            int first = loop * 1_000_000;
            context.runOnContext(v -> {
                ShardContext shard = FleetEngine.shardContext(vertx, clock, scenario, target, targets, bindHost,
                        metrics, 7 + first);
                new LoopCycle(shard, clock, scenario.groups(), first, deadline, failures, loopDone).begin();
            });
        }
        long waitMillis = length.toMillis() + 15_000;
        try {
            Future.join(done).toCompletionStage().toCompletableFuture()
                    .get(waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // some devices could not de-register in time: the run goes on without them
        }
        long operations = scratch.stream().mapToLong(m -> m.get(io.fleetsim.metrics.Counter.DEVICES_REGISTERED)).sum();
        return new Result((System.nanoTime() - started) / 1e9, operations, failures.get());
    }

    /** One event loop's throw-away devices: each starts, registers, de-registers and is replaced. */
    private static final class LoopCycle {
        private final ShardContext shard;
        private final SimClock clock;
        private final List<DeviceGroup> groups;
        private final long deadline;
        private final AtomicLong failures;
        private final Promise<Void> done;
        private int next;
        private int live;

        LoopCycle(ShardContext shard, SimClock clock, List<DeviceGroup> groups, int first, long deadline,
                AtomicLong failures, Promise<Void> done) {
            this.shard = shard;
            this.clock = clock;
            this.groups = groups;
            this.next = first;
            this.deadline = deadline;
            this.failures = failures;
            this.done = done;
        }

        void begin() {
            for (int i = 0; i < DEVICES_PER_LOOP; i++) {
                launch();
            }
            if (live == 0) {
                done.tryComplete();
            }
        }

        private void launch() {
            if (System.nanoTime() >= deadline) {
                return;
            }
            DeviceGroup group = groups.get(next % groups.size());
            DeviceIdentity identity = new DeviceIdentity(group.endpointPrefix() + "warmup-" + next, -1, group);
            next++;
            live++;
            VirtualDevice device = new VirtualDevice(identity, shard);
            device.start(clock.nowMillis());
            poll(device, System.nanoTime() + 5_000_000_000L);
        }

        /** Waits (on the event loop's timers) until the device registered or gave up, then stops it. */
        private void poll(VirtualDevice device, long giveUpAt) {
            shard.vertx().setTimer(2, id -> {
                boolean registered = device.isRegistered();
                if (!registered && device.registrationFailures() == 0 && System.nanoTime() < giveUpAt) {
                    poll(device, giveUpAt);
                    return;
                }
                Future<Void> stopped;
                if (registered) {
                    stopped = device.stop(true);
                } else {
                    failures.incrementAndGet();
                    device.abandon();
                    stopped = Future.succeededFuture();
                }
                stopped.onComplete(ignored -> {
                    live--;
                    launch();
                    if (live == 0) {
                        done.tryComplete();
                    }
                });
            });
        }
    }
}
