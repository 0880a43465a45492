package io.fleetsim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.base.SimClock;
import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.metrics.GroupFigures;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.RunEvent;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.transport.GroupTargets;
import io.fleetsim.transport.HostAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * An agent's share of a clustered run: slice {@code index} of {@code count} of the run's
 * {@link FleetPlan} (a part of every group, see {@link #share}, with the endpoint names and start
 * offsets a single process would give those devices), spread
 * over this process's event loops as {@link FleetEngine} spreads a whole fleet, on a clock that
 * starts at the run's common start. Results are not written here: the agent sends its
 * {@link #metrics()} to the coordinator.
 */
public final class AgentSlice implements AutoCloseable {

    private final Vertx vertx;
    private final SimClock clock;
    private final RunTarget target;
    private final List<ShardMetrics> metrics = new ArrayList<>();
    private final List<DeviceShard> shards = new ArrayList<>();
    private final int devices;
    private final HostAddresses hosts;

    private AgentSlice(Scenario scenario, RunTarget target, int index, List<String> agentNames, long startEpochMillis,
            int shardCount) {
        this.target = target;
        FleetPlan plan = FleetPlan.of(scenario);
        List<Integer> mine = share(plan.devices(), index, agentNames);
        this.devices = mine.size();
        int wanted = shardCount > 0 ? shardCount : Runtime.getRuntime().availableProcessors();
        int n = Math.max(1, Math.min(wanted, Math.max(1, mine.size())));
        this.vertx = FleetVertx.create(new VertxOptions()
                .setEventLoopPoolSize(n)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.clock = SimClock.startingAt(vertx, scenario.timeScale(), startEpochMillis);
        // the agent resolves the server's names itself, as a single process would (its DNS counts
        // are its own and stay out of the merged figures)
        this.hosts = GroupEndpoints.hostAddresses(scenario, new ShardMetrics());
        RunTarget resolved;
        GroupTargets targets;
        try {
            resolved = target.resolved(hosts::literal);
            targets = GroupEndpoints.of(scenario, target, hosts);
        } catch (RuntimeException e) {
            hosts.close();
            vertx.close();
            throw e;
        }
        String bindHost = GroupEndpoints.bindHost(scenario, targets, resolved.host());
        // the plan's steps of this slice's devices, each to the shard and place its device has there
        java.util.Map<Integer, Integer> placeOf = new java.util.HashMap<>();
        for (int k = 0; k < mine.size(); k++) {
            placeOf.put(mine.get(k), k);
        }
        List<List<FleetPlan.Step>> shardSteps = plan.stepsByShard(n, device -> placeOf.getOrDefault(device, -1));
        List<RunEvent.ReconnectStorm> storms = scenario.reconnectStorms();
        List<Future<String>> deployments = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            List<DeviceIdentity> shardDevices = new ArrayList<>();
            for (int k = s; k < mine.size(); k += n) {
                shardDevices.add(plan.devices().get(mine.get(k)));
            }
            ShardMetrics shardMetrics = new ShardMetrics();
            metrics.add(shardMetrics);
            long seed = scenario.arrival().seed() * 31 + (long) index * 1_009 + s;
            DeviceShard shard = new DeviceShard(new DeviceShard.ShardSetup(shardDevices, shardSteps.get(s),
                    v -> FleetEngine.shardContext(v, clock, scenario, resolved, targets, bindHost, shardMetrics, seed),
                    storms, seed * 13 + 5));
            shards.add(shard);
            deployments.add(vertx.deployVerticle(shard));
        }
        try {
            Future.all(deployments).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the device shards did not start within 30 s", e);
        }
    }

    /**
     * Deploys the slice now; its devices start on the scenario clock whose 0 is wall time
     * {@code startEpochMillis} of this machine. Blocks while the shards deploy: call it from a plain
     * thread, never an event loop.
     *
     * @param shardCount event loops for the devices (0: one per core)
     */
    public static AgentSlice start(Scenario scenario, RunTarget target, int index, int count, long startEpochMillis,
            int shardCount) {
        if (count < 1) {
            throw new IllegalArgumentException("agent " + index + " of " + count + " is not a slice of the fleet");
        }
        return start(scenario, target, index, unnamed(count), startEpochMillis, shardCount);
    }

    /**
     * As {@link #start(Scenario, RunTarget, int, int, long, int)}, slice {@code index} of the run's
     * agents named {@code agentNames} (in the coordinator's order): a group pinned to agents
     * ({@link io.fleetsim.scenario.DeviceGroup#agents()}) is dealt round those agents only.
     */
    public static AgentSlice start(Scenario scenario, RunTarget target, int index, List<String> agentNames,
            long startEpochMillis, int shardCount) {
        if (agentNames.isEmpty() || index < 0 || index >= agentNames.size()) {
            throw new IllegalArgumentException("agent " + index + " of " + agentNames.size()
                    + " is not a slice of the fleet");
        }
        return new AgentSlice(scenario, target, index, agentNames, startEpochMillis, shardCount);
    }

    private static List<String> unnamed(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("#" + i);
        }
        return names;
    }

    /**
     * Places in start order of the devices of slice {@code index} of {@code count}: devices are
     * numbered group after group (a group's devices in start order) and dealt out round the
     * agents, so that every agent has its part of every group and no two agents differ by more
     * than one device in all.
     */
    static List<Integer> share(List<DeviceIdentity> devices, int index, int count) {
        return share(devices, index, unnamed(count));
    }

    /**
     * As {@link #share(List, int, int)} with agents by name: a group pinned to agents is dealt round
     * those of {@code agentNames} only (in their order), the others round every agent.
     *
     * @throws IllegalArgumentException when a group is pinned to no agent of {@code agentNames}
     */
    static List<Integer> share(List<DeviceIdentity> devices, int index, List<String> agentNames) {
        java.util.Map<String, Integer> base = new java.util.HashMap<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        java.util.Map<String, List<Integer>> eligible = new java.util.HashMap<>();
        List<Integer> everyAgent = new ArrayList<>();
        for (int i = 0; i < agentNames.size(); i++) {
            everyAgent.add(i);
        }
        int next = 0;
        for (DeviceIdentity device : devices) {
            DeviceGroup group = device.group();
            if (!base.containsKey(group.name())) {
                base.put(group.name(), next);
                next += group.count();
                eligible.put(group.name(), group.agents().isEmpty() ? everyAgent : pinned(group, agentNames));
            }
        }
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String group = devices.get(i).group().name();
            int inGroup = seen.merge(group, 1, Integer::sum) - 1;
            List<Integer> agents = eligible.get(group);
            if (agents.get((base.get(group) + inGroup) % agents.size()) == index) {
                mine.add(i);
            }
        }
        return mine;
    }

    private static List<Integer> pinned(DeviceGroup group, List<String> agentNames) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < agentNames.size(); i++) {
            if (group.agents().contains(agentNames.get(i))) {
                out.add(i);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("group '" + group.name() + "' is pinned to " + group.agents()
                    + ", none of the run's agents " + agentNames);
        }
        return out;
    }

    /** Devices of this slice. */
    public int devices() {
        return devices;
    }

    public List<ShardMetrics> metrics() {
        return metrics;
    }

    public SimClock clock() {
        return clock;
    }

    /** Per-group figures of this slice's devices (planned left 0). */
    public Future<List<GroupFigures>> tallyGroups() {
        List<Future<List<GroupFigures>>> tallies = new ArrayList<>();
        for (DeviceShard shard : shards) {
            tallies.add(shard.tallyGroups());
        }
        return Future.all(tallies).map(all -> {
            List<GroupFigures> sum = new ArrayList<>();
            java.util.Map<String, GroupFigures> byGroup = new java.util.LinkedHashMap<>();
            for (Future<List<GroupFigures>> tally : tallies) {
                for (GroupFigures g : tally.result()) {
                    byGroup.merge(g.group(), g, GroupFigures::plus);
                }
            }
            sum.addAll(byGroup.values());
            return sum;
        });
    }

    /** Stops every device of the slice, de-registering them when asked. */
    public Future<Void> stopDevices(boolean deregister) {
        List<Future<Void>> stops = new ArrayList<>();
        for (DeviceShard shard : shards) {
            stops.add(shard.stopDevices(deregister));
        }
        return Future.join(stops).mapEmpty();
    }

    /** Closes at once the devices not stopped yet. */
    public Future<Void> abandonDevices() {
        List<Future<Void>> stops = new ArrayList<>();
        for (DeviceShard shard : shards) {
            stops.add(shard.abandonDevices());
        }
        return Future.join(stops).mapEmpty();
    }

    /** Closes the slice's event loops and the server it was given, if any. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort; nothing of the run depends on it any more
        }
        hosts.close();
        try {
            target.closer().close();
        } catch (Exception e) {
            // the agent's targets are never started by it
        }
    }
}
