package io.fleetsim.engine;

import java.util.concurrent.TimeUnit;

import io.fleetsim.base.SimClock;
import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.device.ShardContext;
import io.fleetsim.device.VirtualDevice;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.transport.GroupTargets;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Before the clock starts, one extra device ({@code <prefix>preflight}) registers and
 * de-registers with the target. It tells early whether the target answers at all, and it loads
 * the code paths of both sides, so the first devices of the run are not measured against class
 * loading. Nothing it does is counted in the results.
 */
final class Preflight {

    /** What the preflight saw: null cause when the device registered. */
    record Result(boolean registered, String cause) {
    }

    private Preflight() {
    }

    static Result run(Vertx vertx, Scenario scenario, RunTarget target, GroupTargets targets, String bindHost,
            long timeoutMillis) {
        ShardMetrics scratch = new ShardMetrics();
        SimClock clock = new SimClock(vertx, scenario.timeScale());
        Context context = vertx.getOrCreateContext();
        var group = scenario.groups().get(0);
        DeviceIdentity identity = new DeviceIdentity(group.endpointPrefix() + "preflight", -1, group);
        Promise<VirtualDevice> started = Promise.promise();
        context.runOnContext(v -> {
            ShardContext shard = FleetEngine.shardContext(vertx, clock, scenario, target, targets, bindHost,
                    scratch, 1);
            VirtualDevice device = new VirtualDevice(identity, shard);
            device.start(clock.nowMillis());
            started.complete(device);
        });
        VirtualDevice device = started.future().await();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (scratch.registeredNow() == 0 && System.currentTimeMillis() < deadline
                && scratch.failures(FailureKind.REGISTRATION).isEmpty()) {
            sleep();
        }
        boolean registered = scratch.registeredNow() > 0;
        String cause = registered ? null : scratch.failures(FailureKind.REGISTRATION).keySet().stream()
                .findFirst().orElse(FailureCause.TIMEOUT.wireName());
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            if (registered) {
                device.stop(true).onComplete(stopped);
            } else {
                device.abandon(); // its Register is still waiting for an answer: no need to wait for it
                stopped.complete();
            }
        });
        try {
            stopped.future().await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the device could not de-register in time: close its socket now
            context.runOnContext(v -> device.abandon());
        }
        return new Result(registered, cause);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
