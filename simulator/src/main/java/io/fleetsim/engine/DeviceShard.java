package io.fleetsim.engine;

import java.util.ArrayList;
import java.util.List;

import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.device.ShardContext;
import io.fleetsim.device.VirtualDevice;
import io.fleetsim.metrics.GroupFigures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

/**
 * A slice of the fleet on one event loop. The injector looks one simulated second ahead and
 * arms a timer for each start or stop due in that second, never the whole population up front.
 * Every device of the shard lives on this verticle's event loop for its whole life. A device the
 * plan starts again after a stop is a new {@link VirtualDevice} carrying the old one's history.
 */
public final class DeviceShard extends VerticleBase {

    private static final long INJECTOR_WINDOW_MILLIS = 1_000;

    private final ShardSetup setup;
    private final List<VirtualDevice> devices = new ArrayList<>();
    /** Device objects a restart replaced (stopped, or still de-registering). */
    private final List<VirtualDevice> retired = new ArrayList<>();
    /** The current device object of each of the shard's devices (null before its first start). */
    private VirtualDevice[] slots;
    /** Where each slot's device is in {@link #devices}. */
    private int[] listed;
    /** Timers of starts, stops and storm reconnects armed and not yet fired. */
    private final java.util.Set<Long> stepTimers = new java.util.HashSet<>();
    private ShardContext shard;
    private int nextToSchedule;
    private long injectorTimer = -1;
    private boolean stopping;

    /**
     * What a shard is given: its devices, their starts and stops (device indexes into
     * {@code devices}, in time order), how to build its context, the reconnect storms of the run
     * and the seed that picks the devices a storm hits.
     */
    public record ShardSetup(List<DeviceIdentity> devices, List<FleetPlan.Step> steps,
            java.util.function.Function<io.vertx.core.Vertx, ShardContext> context,
            List<io.fleetsim.scenario.RunEvent.ReconnectStorm> storms, long seed) {
    }

    public DeviceShard(ShardSetup setup) {
        this.setup = setup;
    }

    @Override
    public Future<?> start() {
        shard = setup.context().apply(vertx);
        slots = new VirtualDevice[setup.devices().size()];
        listed = new int[setup.devices().size()];
        inject(0);
        java.util.SplittableRandom random = new java.util.SplittableRandom(setup.seed());
        for (var storm : setup.storms()) {
            long at = Math.round(storm.atSeconds() * 1000);
            long seed = random.nextLong();
            arm(at, () -> storm(storm, at, new java.util.SplittableRandom(seed)));
        }
        return Future.succeededFuture();
    }

    private void inject(long windowStart) {
        if (stopping) {
            return;
        }
        long windowEnd = windowStart + INJECTOR_WINDOW_MILLIS;
        List<FleetPlan.Step> steps = setup.steps();
        while (nextToSchedule < steps.size() && steps.get(nextToSchedule).atMillis() < windowEnd) {
            FleetPlan.Step step = steps.get(nextToSchedule);
            int slot = step.device();
            if (step.action() == FleetPlan.Action.START && slots[slot] == null) {
                VirtualDevice device = new VirtualDevice(setup.devices().get(slot), shard);
                slots[slot] = device;
                listed[slot] = devices.size();
                devices.add(device);
                device.scheduleStart(step.atMillis());
            } else if (step.action() == FleetPlan.Action.START) {
                arm(step.atMillis(), () -> restart(slot, step.atMillis()));
            } else {
                arm(step.atMillis(), () -> {
                    shard.metrics().increment(io.fleetsim.metrics.Counter.DEVICES_STOPPED);
                    slots[slot].stop(true);
                });
            }
            nextToSchedule++;
        }
        if (nextToSchedule < steps.size()) {
            injectorTimer = shard.clock().scheduleAt(windowEnd, id -> inject(windowEnd));
        }
    }

    /** Runs {@code action} at simulated {@code atMillis} unless the shard is stopping by then. */
    private void arm(long atMillis, Runnable action) {
        long[] id = new long[1];
        id[0] = shard.clock().scheduleAt(atMillis, fired -> {
            stepTimers.remove(id[0]);
            if (!stopping) {
                action.run();
            }
        });
        stepTimers.add(id[0]);
    }

    /** The plan starts a stopped device again: a new device object with the old one's history. */
    private void restart(int slot, long atMillis) {
        VirtualDevice device = new VirtualDevice(setup.devices().get(slot), shard, slots[slot]);
        retired.add(slots[slot]);
        slots[slot] = device;
        devices.set(listed[slot], device);
        device.start(atMillis);
    }

    /**
     * A reconnect storm reaches this shard: its share of the devices registered now lose their
     * session, each at a random moment of the storm's window. The share is rounded at random, so
     * over many shards the total matches it.
     */
    private void storm(io.fleetsim.scenario.RunEvent.ReconnectStorm storm, long atMillis,
            java.util.SplittableRandom random) {
        List<VirtualDevice> registered = new ArrayList<>();
        for (VirtualDevice device : devices) {
            if (device.isRegistered()) {
                registered.add(device);
            }
        }
        double wanted = storm.share() * registered.size();
        int hit = (int) Math.floor(wanted) + (random.nextDouble() < wanted - Math.floor(wanted) ? 1 : 0);
        long window = Math.round(storm.withinSeconds() * 1000);
        for (int i = 0; i < hit; i++) {
            int pick = i + random.nextInt(registered.size() - i);
            VirtualDevice device = registered.get(pick);
            registered.set(pick, registered.get(i));
            registered.set(i, device);
            long at = atMillis + (window == 0 ? 0 : random.nextLong(window));
            arm(at, device::reconnect);
        }
    }

    /** The devices created so far, for tests and inspection; read it on this shard's context. */
    public List<VirtualDevice> devices() {
        return devices;
    }

    /**
     * Counts the shard's devices per group (started, registered once, registered now, failed
     * registrations, reconnects, observed and reachable time), on the shard's own event loop. {@code planned} is left 0: the engine knows it.
     */
    public Future<List<GroupFigures>> tallyGroups() {
        Promise<List<GroupFigures>> done = Promise.promise();
        context.runOnContext(v -> {
            java.util.Map<String, GroupFigures> byGroup = new java.util.LinkedHashMap<>();
            long now = shard.clock().nowMillis();
            for (VirtualDevice device : devices) {
                var group = device.identity().group();
                GroupFigures one = new GroupFigures(group.name(), group.transport().key(), 0,
                        device.hasStarted() ? 1 : 0, device.wasEverRegistered() ? 1 : 0,
                        device.isRegistered() ? 1 : 0, device.registrationFailures(), device.path().reconnects(),
                        device.path().observedMillis(now), device.path().reachableMillis(now),
                        device.registrationGaveUp());
                byGroup.merge(group.name(), one, GroupFigures::plus);
            }
            done.complete(List.copyOf(byGroup.values()));
        });
        return done.future();
    }

    /**
     * Closes, at once, the devices still not stopped when the stop gave up waiting for them; their
     * requests in flight stay unfinished. On the shard's own event loop.
     */
    public Future<Void> abandonDevices() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            for (VirtualDevice device : devices) {
                device.abandon();
            }
            for (VirtualDevice device : retired) {
                device.abandon();
            }
            done.complete();
        });
        return done.future();
    }

    /**
     * Stops every device of the shard (de-registering them when asked), on the shard's own event
     * loop; completes when all are stopped.
     */
    public Future<Void> stopDevices(boolean deregister) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            stopping = true;
            shard.clock().cancel(injectorTimer);
            for (long timer : stepTimers) {
                shard.clock().cancel(timer);
            }
            stepTimers.clear();
            shard.nat().stop();
            List<Future<Void>> stops = new ArrayList<>(devices.size());
            for (VirtualDevice device : devices) {
                stops.add(device.stop(deregister));
            }
            for (VirtualDevice device : retired) {
                stops.add(device.stop(deregister)); // already stopping: its own stop's outcome
            }
            Future.join(stops).<Void>mapEmpty().onComplete(done);
        });
        return done.future();
    }
}
