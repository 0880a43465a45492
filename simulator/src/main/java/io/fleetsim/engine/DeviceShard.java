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
 * arms a timer for each device due in that second, never the whole population up front. Every
 * device of the shard lives on this verticle's event loop for its whole life.
 */
public final class DeviceShard extends VerticleBase {

    private static final long INJECTOR_WINDOW_MILLIS = 1_000;

    private final ShardSetup setup;
    private final List<VirtualDevice> devices = new ArrayList<>();
    private ShardContext shard;
    private int nextToSchedule;
    private long injectorTimer = -1;
    private boolean stopping;

    /** What a shard is given: its devices, their start offsets, and how to build its context. */
    public record ShardSetup(List<DeviceIdentity> devices, long[] startOffsetsMillis,
            java.util.function.Function<io.vertx.core.Vertx, ShardContext> context) {
    }

    public DeviceShard(ShardSetup setup) {
        this.setup = setup;
    }

    @Override
    public Future<?> start() {
        shard = setup.context().apply(vertx);
        inject(0);
        return Future.succeededFuture();
    }

    private void inject(long windowStart) {
        if (stopping) {
            return;
        }
        long windowEnd = windowStart + INJECTOR_WINDOW_MILLIS;
        while (nextToSchedule < setup.devices().size() && setup.startOffsetsMillis()[nextToSchedule] < windowEnd) {
            long offset = setup.startOffsetsMillis()[nextToSchedule];
            VirtualDevice device = new VirtualDevice(setup.devices().get(nextToSchedule), shard);
            devices.add(device);
            device.scheduleStart(offset);
            nextToSchedule++;
        }
        if (nextToSchedule < setup.devices().size()) {
            injectorTimer = shard.clock().scheduleAt(windowEnd, id -> inject(windowEnd));
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
                        device.path().observedMillis(now), device.path().reachableMillis(now));
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
            shard.nat().stop();
            List<Future<Void>> stops = new ArrayList<>(devices.size());
            for (VirtualDevice device : devices) {
                stops.add(device.stop(deregister));
            }
            Future.join(stops).<Void>mapEmpty().onComplete(done);
        });
        return done.future();
    }
}
