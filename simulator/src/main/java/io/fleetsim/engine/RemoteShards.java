package io.fleetsim.engine;

import java.util.List;
import java.util.Map;

import io.fleetsim.metrics.GroupFigures;
import io.fleetsim.metrics.ShardMetrics;
import io.vertx.core.Future;

/**
 * Devices that run in other processes (the agents of a clustered run), seen by the engine as more
 * shards: their figures arrive in {@link #metrics()} while the run goes on, and they are tallied
 * and stopped as the engine's own {@link DeviceShard}s are.
 */
public interface RemoteShards {

    /** One {@link ShardMetrics} per remote part, kept up to date with what it measured. */
    List<ShardMetrics> metrics();

    /**
     * Gives every remote part its share of the fleet, to start at wall time {@code startEpochMillis}
     * of this machine's clock (the scenario clock's 0). Blocks until each took it, or throws. The
     * remote parts' timer lateness is added to {@code clock}'s.
     */
    void start(long startEpochMillis, io.fleetsim.base.SimClock clock);

    /** Per-group figures of the remote devices (planned left 0), as {@link DeviceShard#tallyGroups()}. */
    Future<List<GroupFigures>> tallyGroups();

    /** Stops the remote devices, as {@link DeviceShard#stopDevices(boolean)}; their last figures arrive first. */
    Future<Void> stopDevices(boolean deregister);

    /** Closes the remote devices not stopped in time, as {@link DeviceShard#abandonDevices()}. */
    Future<Void> abandonDevices();

    /** Sections added to {@code summary.json} (documented in docs/results-format.md), by key. */
    Map<String, Object> summarySections();
}
