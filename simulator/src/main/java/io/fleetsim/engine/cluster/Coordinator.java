package io.fleetsim.engine.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.engine.RemoteShards;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.GroupFigures;
import io.fleetsim.metrics.ShardFigures;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.Scenario;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The coordinator of a clustered run ({@code fleetsim run --cluster}): takes the agents that ask
 * for work until it has as many as it wants, measures each one's clock offset, gives each its
 * share of the fleet and the common start, and keeps one {@link ShardMetrics} per agent up to
 * date with the figures the agents send, so that to the engine every agent is one more shard. An
 * agent that leaves the cluster mid-run keeps what it measured; its devices count as lost.
 */
public final class Coordinator implements RemoteShards, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    /** A clock offset above this is reported (the agent's start is corrected by it either way). */
    public static final long CLOCK_OFFSET_BOUND_MILLIS = 100;
    private static final int PINGS = 5;
    private static final long REQUEST_TIMEOUT_MILLIS = 10_000;
    private static final long WORK_TIMEOUT_MILLIS = 30_000;
    private static final long STOP_TIMEOUT_MILLIS = 60_000;

    private final ClusterNode node;
    private final int wanted;
    /** Names of the agents groups are pinned to: taken before any other agent. */
    private final List<String> required;
    private final Context context;
    private final List<RemoteAgent> agents = new CopyOnWriteArrayList<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private ScenarioSpec spec;
    private RunTarget target;
    private long periodMillis = 1_000;
    private double timeScale = 1;
    private volatile long startEpochMillis = -1;
    private volatile io.fleetsim.base.SimClock clock;

    /** An agent as the coordinator knows it. */
    private static final class RemoteAgent {
        final String name;
        final String node;
        final String address;
        final String host;
        final ShardMetrics metrics = new ShardMetrics();
        final ShardFigures.Receiver receiver = new ShardFigures.Receiver(metrics);
        volatile long offsetMillis;
        volatile long roundTripMillis;
        volatile long devices;
        volatile boolean left;
        volatile double leftAtSeconds;
        /** Registered devices when the run ended (counted with the group tally, before the stop); -1 before. */
        volatile long registeredAtEnd = -1;

        RemoteAgent(String name, String node, String address, String host) {
            this.name = name;
            this.node = node;
            this.address = address;
            this.host = host;
        }

        @Override
        public String toString() {
            return name + " (" + host + ")";
        }
    }

    private Coordinator(ClusterNode node, int wanted, List<String> required) {
        this.node = node;
        this.wanted = wanted;
        this.required = List.copyOf(required);
        this.context = node.vertx().getOrCreateContext();
    }

    /**
     * Waits, blocking, for {@code agents} agents to ask for work, then measures their clocks.
     *
     * @throws ClusterException when fewer came within {@code timeout}, naming how many did
     */
    public static Coordinator gather(ClusterNode node, int agents, Duration timeout) {
        return gather(node, agents, timeout, List.of());
    }

    /**
     * As {@link #gather(ClusterNode, int, Duration)}, taking the agents named {@code required}
     * (those the scenario's groups are pinned to, {@code fleetsim agent --name}) first: other
     * agents fill only the places those leave.
     *
     * @throws ClusterException when fewer came within {@code timeout}, naming how many did and
     *                          which required agents did not
     */
    public static Coordinator gather(ClusterNode node, int agents, Duration timeout, List<String> required) {
        if (agents < 1) {
            throw new IllegalArgumentException("--agents: " + agents + " is not a number of agents (1 or more)");
        }
        if (required.size() > agents) {
            throw new IllegalArgumentException("groups are pinned to " + required.size() + " agents " + required
                    + ", more than the " + agents + " the run waits for");
        }
        Coordinator coordinator = new Coordinator(node, agents, required);
        coordinator.listen();
        node.onMemberLeft(left -> coordinator.context.runOnContext(v -> coordinator.memberLeft(left)));
        LOG.info("coordinator {}: waiting up to {} s for {} agent(s) in the {}", node.nodeId(), timeout.toSeconds(),
                agents, node.settings());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (coordinator.agents.size() < agents && System.nanoTime() < deadline) {
            sleep(50);
        }
        if (coordinator.agents.size() < agents) {
            List<RemoteAgent> came = List.copyOf(coordinator.agents);
            List<String> missing = coordinator.missingRequired();
            coordinator.close();
            throw new ClusterException(String.format("waited %d s for %d agent%s in the %s; %d came%s%s",
                    timeout.toSeconds(), agents, agents == 1 ? "" : "s", node.settings(), came.size(),
                    came.isEmpty() ? " (is an agent running with the same --cluster-name, secret and --members?)"
                            : ": " + came.stream().map(RemoteAgent::toString).toList(),
                    missing.isEmpty() ? "" : "; the scenario pins groups to agents that did not come: " + missing
                            + " (fleetsim agent --name)"));
        }
        for (RemoteAgent agent : coordinator.agents) {
            coordinator.measureClock(agent);
        }
        return coordinator;
    }

    private void listen() {
        CountDownLatch ready = new CountDownLatch(2);
        context.runOnContext(v -> {
            MessageConsumer<JsonObject> hello = node.vertx().eventBus().consumer(Wire.HELLO, this::hello);
            MessageConsumer<JsonObject> figures = node.vertx().eventBus().consumer(Wire.FIGURES, this::figures);
            consumers.add(hello);
            consumers.add(figures);
            hello.completion().onComplete(done -> ready.countDown());
            figures.completion().onComplete(done -> ready.countDown());
        });
        try {
            ready.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hello(Message<JsonObject> message) {
        JsonObject body = message.body();
        String from = body.getString("node");
        RemoteAgent known = agents.stream().filter(a -> a.node.equals(from)).findFirst().orElse(null);
        if (known != null && startEpochMillis < 0) {
            // the agent did not see the reply to an earlier hello (it timed out on a busy machine):
            // answer again, with the name it was given then (once the work went out, the work
            // names the agent, and an agent that says hello again has been released)
            message.reply(new JsonObject().put("coordinator", node.nodeId()).put("name", known.name));
            return;
        }
        if (known != null || agents.size() >= wanted) {
            message.fail(409, "this coordinator has its agents");
            return;
        }
        String asked = body.getString("name");
        if (asked != null && agents.stream().anyMatch(a -> a.name.equals(asked))) {
            LOG.warn("coordinator: an agent at {} is named '{}' as another agent that came is; not taken",
                    body.getString("host", "?"), asked);
            message.fail(409, "this coordinator has an agent named " + asked);
            return;
        }
        boolean isRequired = asked != null && required.contains(asked);
        if (!isRequired && wanted - agents.size() <= missingRequired().size()) {
            message.fail(409, "this coordinator keeps its places for the agents groups are pinned to");
            return;
        }
        String name = asked;
        for (int n = agents.size() + 1; name == null; n++) {
            name = nameTaken("agent-" + n) ? null : "agent-" + n;
        }
        RemoteAgent agent = new RemoteAgent(name, from, body.getString("address"), body.getString("host", "?"));
        agents.add(agent);
        LOG.info("coordinator: {} joined ({} of {})", agent, agents.size(), wanted);
        message.reply(new JsonObject().put("coordinator", node.nodeId()).put("name", agent.name));
    }

    private boolean nameTaken(String name) {
        return agents.stream().anyMatch(a -> a.name.equals(name)) || required.contains(name);
    }

    /** Agents groups are pinned to that have not come (yet). */
    private List<String> missingRequired() {
        return required.stream().filter(n -> agents.stream().noneMatch(a -> a.name.equals(n))).toList();
    }

    private void figures(Message<JsonObject> message) {
        String from = message.body().getString("node");
        String name = message.body().getString("name");
        for (RemoteAgent agent : agents) {
            if (from != null ? agent.node.equals(from) : agent.name.equals(name)) {
                apply(agent, message.body());
            }
        }
    }

    /** An agent's figures, and its timer lateness into the run's clock health. */
    private void apply(RemoteAgent agent, JsonObject body) {
        agent.receiver.apply(body.getJsonObject("figures"));
        String lateness = body.getString("lateness");
        io.fleetsim.base.SimClock runClock = clock;
        if (lateness != null && runClock != null && !agent.left) {
            runClock.addLateness(ShardFigures.decode(lateness));
        }
    }

    /** Round trips over the event bus; the agent's clock minus this one's, from the fastest round trip. */
    private void measureClock(RemoteAgent agent) {
        long bestRoundTrip = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < PINGS; i++) {
            long sent = System.currentTimeMillis();
            JsonObject reply = await(request(agent, new JsonObject().put(Wire.OP, Wire.PING), REQUEST_TIMEOUT_MILLIS),
                    agent + " did not answer a clock ping");
            long received = System.currentTimeMillis();
            long roundTrip = received - sent;
            if (roundTrip < bestRoundTrip) {
                bestRoundTrip = roundTrip;
                offset = reply.getLong("now") - (sent + received) / 2;
            }
        }
        agent.offsetMillis = offset;
        agent.roundTripMillis = bestRoundTrip;
        if (Math.abs(offset) > CLOCK_OFFSET_BOUND_MILLIS) {
            LOG.warn("coordinator: the clock of {} is {} ms {} this one's (round trip {} ms), more than {} ms: its "
                    + "devices start at the common start corrected by that offset; check the machines' time sync",
                    agent, Math.abs(offset), offset > 0 ? "ahead of" : "behind", bestRoundTrip, CLOCK_OFFSET_BOUND_MILLIS);
        } else {
            LOG.info("coordinator: {} clock offset {} ms, round trip {} ms", agent, offset, bestRoundTrip);
        }
    }

    /**
     * What the agents are to run: the scenario as its file and overrides, the server they talk to
     * (the embedded one here, or the scenario's target) and how often they report.
     */
    public void assign(ScenarioSpec scenarioSpec, Scenario scenario, RunTarget runTarget, Duration reportingPeriod) {
        this.spec = scenarioSpec;
        this.target = runTarget;
        this.timeScale = scenario.timeScale();
        this.periodMillis = Math.max(100, reportingPeriod.toMillis());
    }

    /** Clock offset of each agent measured at the start, by name, ms (agent minus coordinator). */
    public Map<String, Long> clockOffsets() {
        Map<String, Long> out = new LinkedHashMap<>();
        agents.forEach(a -> out.put(a.name, a.offsetMillis));
        return out;
    }

    @Override
    public List<ShardMetrics> metrics() {
        return agents.stream().map(a -> a.metrics).toList();
    }

    @Override
    public void start(long startEpoch, io.fleetsim.base.SimClock runClock) {
        if (spec == null) {
            throw new IllegalStateException("assign the work before the start");
        }
        this.startEpochMillis = startEpoch;
        this.clock = runClock;
        List<Future<JsonObject>> taken = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            RemoteAgent agent = agents.get(i);
            JsonObject work = new JsonObject().put(Wire.OP, Wire.WORK).put("name", agent.name)
                    .put("coordinator", node.nodeId()).put("scenario", spec.toJson())
                    .put("target", Wire.target(target)).put("index", i).put("count", agents.size())
                    .put("names", new JsonArray(agents.stream().map(a -> (Object) a.name).toList()))
                    .put("startEpochMillis", startEpoch + agent.offsetMillis).put("periodMillis", periodMillis);
            taken.add(request(agent, work, WORK_TIMEOUT_MILLIS).onSuccess(r -> agent.devices = r.getLong("devices", 0L)));
        }
        for (int i = 0; i < agents.size(); i++) {
            RemoteAgent agent = agents.get(i);
            try {
                await(taken.get(i), agent + " could not take its share");
            } catch (ClusterException e) {
                for (RemoteAgent other : agents) {
                    request(other, new JsonObject().put(Wire.OP, Wire.STOP).put("deregister", false), REQUEST_TIMEOUT_MILLIS);
                }
                throw e;
            }
        }
        LOG.info("coordinator: shares given: {}", agents.stream().map(a -> a.name + " " + a.devices + " devices").toList());
    }

    @Override
    public Future<List<GroupFigures>> tallyGroups() {
        List<Future<List<GroupFigures>>> tallies = new ArrayList<>();
        for (RemoteAgent agent : agents) {
            if (agent.left) {
                continue;
            }
            tallies.add(request(agent, new JsonObject().put(Wire.OP, Wire.TALLY), REQUEST_TIMEOUT_MILLIS)
                    .map(reply -> {
                        apply(agent, reply);
                        agent.registeredAtEnd = agent.receiver.registeredNow();
                        return Wire.groups(reply.getJsonArray("groups"));
                    })
                    .recover(e -> {
                        LOG.warn("coordinator: {} did not send its group figures: {}", agent, e.getMessage());
                        return Future.succeededFuture(List.of());
                    }));
        }
        return Future.all(tallies).map(all -> {
            List<GroupFigures> flat = new ArrayList<>();
            tallies.forEach(t -> flat.addAll(t.result()));
            return flat;
        });
    }

    @Override
    public Future<Void> stopDevices(boolean deregister) {
        List<Future<JsonObject>> stops = new ArrayList<>();
        for (RemoteAgent agent : agents) {
            if (agent.left) {
                continue;
            }
            stops.add(request(agent, new JsonObject().put(Wire.OP, Wire.STOP).put("deregister", deregister),
                    STOP_TIMEOUT_MILLIS).onSuccess(reply -> {
                        if (reply.containsKey("figures")) {
                            apply(agent, reply);
                        }
                    }).<JsonObject>recover(e -> {
                        LOG.warn("coordinator: {} did not report its stop: {}", agent, e.getMessage());
                        return Future.succeededFuture(new JsonObject());
                    }));
        }
        return Future.join(stops).mapEmpty();
    }

    @Override
    public Future<Void> abandonDevices() {
        List<Future<JsonObject>> abandoned = new ArrayList<>();
        for (RemoteAgent agent : agents) {
            if (!agent.left) {
                abandoned.add(request(agent, new JsonObject().put(Wire.OP, Wire.ABANDON), REQUEST_TIMEOUT_MILLIS)
                        .recover(e -> Future.succeededFuture(new JsonObject())));
            }
        }
        return Future.join(abandoned).mapEmpty();
    }

    @Override
    public Map<String, Object> summarySections() {
        List<Map<String, Object>> perAgent = new ArrayList<>();
        long lost = 0;
        for (RemoteAgent agent : agents) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", agent.name);
            one.put("node", agent.node);
            one.put("host", agent.host);
            one.put("devices", agent.devices);
            one.put("started", agent.receiver.counter(Counter.DEVICES_STARTED));
            one.put("registered", agent.receiver.counter(Counter.DEVICES_REGISTERED));
            one.put("registeredAtEnd", agent.left ? 0
                    : agent.registeredAtEnd >= 0 ? agent.registeredAtEnd : agent.receiver.registeredNow());
            one.put("clockOffsetMs", agent.offsetMillis);
            one.put("roundTripMs", agent.roundTripMillis);
            one.put("left", agent.left);
            one.put("leftAtSeconds", agent.left ? agent.leftAtSeconds : null);
            perAgent.add(one);
            if (agent.left) {
                lost += agent.devices;
            }
        }
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("agents", perAgent);
        cluster.put("devicesLost", lost);
        cluster.put("clockOffsetBoundMs", CLOCK_OFFSET_BOUND_MILLIS);
        return Map.of("cluster", cluster);
    }

    /** Names of the agents that left the cluster before the run ended. */
    public List<String> agentsLeft() {
        return agents.stream().filter(a -> a.left).map(a -> a.name).toList();
    }

    private void memberLeft(String left) {
        for (RemoteAgent agent : agents) {
            if (agent.node.equals(left) && !agent.left) {
                long now = simulatedNowMillis();
                agent.left = true;
                agent.leftAtSeconds = now / 1000.0;
                agent.receiver.close(now);
                LOG.warn("coordinator: {} left the cluster at {} s of the run: its {} devices count as lost; what it "
                        + "measured until then is kept", agent, String.format(java.util.Locale.ROOT, "%.1f",
                                agent.leftAtSeconds), agent.devices);
            }
        }
    }

    private long simulatedNowMillis() {
        return startEpochMillis < 0 ? 0 : Math.max(0, (long) ((System.currentTimeMillis() - startEpochMillis) * timeScale));
    }

    private Future<JsonObject> request(RemoteAgent agent, JsonObject body, long timeoutMillis) {
        return node.vertx().eventBus().<JsonObject>request(agent.address, body,
                new DeliveryOptions().setSendTimeout(timeoutMillis)).map(Message::body);
    }

    private static JsonObject await(Future<JsonObject> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WORK_TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(what + ": interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ClusterException(what + ": " + cause.getMessage(), cause);
        }
    }

    /** Lets go of the agents that have not started (they wait for the next coordinator) and stops listening. */
    @Override
    public void close() {
        if (startEpochMillis < 0) {
            List<Future<JsonObject>> released = new ArrayList<>();
            for (RemoteAgent agent : agents) {
                released.add(request(agent, new JsonObject().put(Wire.OP, Wire.RELEASE), 2_000));
            }
            try {
                Future.join(released).toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                // an agent not told waits until this coordinator leaves the cluster, then asks again
            }
        }
        CountDownLatch done = new CountDownLatch(1);
        context.runOnContext(v -> Future.join(consumers.stream().map(MessageConsumer::unregister).toList())
                .onComplete(x -> done.countDown()));
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
