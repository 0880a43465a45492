package io.fleetsim.engine.cluster;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.engine.AgentSlice;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.LatencySummary;
import io.fleetsim.metrics.ShardFigures;
import io.fleetsim.scenario.Scenario;
import io.vertx.core.Context;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code fleetsim agent}: a member of the cluster that waits for a coordinator, runs the share of
 * the fleet it is given and sends its figures to the coordinator while the run goes on. Messages
 * are handled on one event loop of the cluster's Vert.x; the share's devices run on event loops of
 * their own ({@link AgentSlice}), which is deployed and closed on the agent's plain thread
 * ({@link #serve}). When the run ends, or its coordinator leaves the cluster, the agent waits for
 * the next one.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final long HELLO_PERIOD_MILLIS = 1_000;

    private final ClusterNode node;
    private final int shards;
    private final Context context;
    private final String address;
    private final BlockingQueue<Runnable> plainThreadTasks = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private MessageConsumer<JsonObject> consumer;
    private long helloTimer = -1;
    // the fields below are read and written on {@code context} only
    private String coordinatorNode;
    private String name;
    /** {@code fleetsim agent --name}, or null: the coordinator names the agent. */
    private final String ownName;
    private AgentSlice slice;
    private long figuresTimer = -1;
    private long sequence;
    /** The latencies of this share's devices sent to the coordinator during the current run. */
    private final Map<LatencyMetric, Histogram> measured = new EnumMap<>(LatencyMetric.class);

    private Agent(ClusterNode node, int shards, String ownName) {
        this.node = node;
        this.shards = shards;
        this.ownName = ownName;
        this.context = node.vertx().getOrCreateContext();
        this.address = Wire.AGENT_PREFIX + node.nodeId();
    }

    /**
     * Joins the cluster as an agent and starts asking for work.
     *
     * @param shards event loops for the devices of a share (0: one per core)
     */
    public static Agent start(ClusterSettings settings, int shards) {
        return start(settings, shards, null);
    }

    /**
     * As {@link #start(ClusterSettings, int)}, under {@code name} (groups pinned to it run here),
     * or named by the coordinator when null.
     */
    public static Agent start(ClusterSettings settings, int shards, String name) {
        ClusterNode node = ClusterNode.join(settings);
        Agent agent = new Agent(node, shards, name);
        CountDownLatch ready = new CountDownLatch(1);
        agent.context.runOnContext(v -> {
            agent.consumer = node.vertx().eventBus().consumer(agent.address, agent::handle);
            agent.consumer.completion().onComplete(done -> ready.countDown());
            agent.helloTimer = node.vertx().setPeriodic(1, HELLO_PERIOD_MILLIS, id -> agent.hello());
        });
        node.onMemberLeft(left -> agent.context.runOnContext(v -> agent.memberLeft(left)));
        try {
            ready.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("agent {} joined the {}; waiting for a coordinator", node.nodeId(), settings);
        return agent;
    }

    /** Members of the cluster this agent is in, itself included. */
    public int clusterMembers() {
        return node.members();
    }

    /** This agent's node id in the cluster. */
    public String nodeId() {
        return node.nodeId();
    }

    /**
     * Runs the agent's blocking steps on the calling (plain) thread until {@link #close()}, or until
     * {@code stopRequested} says so (a signal).
     */
    public void serve(java.util.function.BooleanSupplier stopRequested) {
        while (closed.getCount() > 0 && !stopRequested.getAsBoolean()) {
            try {
                Runnable task = plainThreadTasks.poll(200, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("agent: {}", e.toString());
            }
        }
    }

    private void hello() {
        if (coordinatorNode != null) {
            return;
        }
        JsonObject hello = new JsonObject().put("node", node.nodeId()).put("address", address)
                .put("host", node.settings().host()).put("cores", Runtime.getRuntime().availableProcessors()).put("name", ownName);
        node.vertx().eventBus().<JsonObject>request(Wire.HELLO, hello, new DeliveryOptions().setSendTimeout(2_000))
                .onSuccess(reply -> {
                    if (coordinatorNode == null) {
                        coordinatorNode = reply.body().getString("coordinator");
                        name = reply.body().getString("name");
                        LOG.info("agent: taken by coordinator {} as {}", coordinatorNode, name);
                    }
                });
        // no coordinator yet, or one that has its agents: ask again later
    }

    private void handle(Message<JsonObject> message) {
        JsonObject body = message.body();
        switch (body.getString(Wire.OP, "")) {
            case Wire.PING -> message.reply(new JsonObject().put("now", System.currentTimeMillis()));
            case Wire.WORK -> work(message);
            case Wire.TALLY -> tally(message);
            case Wire.STOP -> stop(message, body.getBoolean("deregister", true));
            case Wire.ABANDON -> abandon(message);
            case Wire.RELEASE -> {
                release();
                message.reply(new JsonObject());
            }
            default -> message.fail(400, "unknown operation " + body.getString(Wire.OP));
        }
    }

    private void work(Message<JsonObject> message) {
        JsonObject body = message.body();
        if (slice != null) {
            message.fail(409, "agent " + name + " is running a share already");
            return;
        }
        Scenario scenario;
        RunTarget target;
        try {
            scenario = ScenarioSpec.fromJson(body.getJsonObject("scenario")).load();
            target = Wire.target(body.getJsonObject("target"));
        } catch (RuntimeException e) {
            message.fail(400, "agent " + name + " cannot load the scenario: " + e.getMessage());
            return;
        }
        // the work names this agent and its coordinator, whether or not the reply to its hello
        // arrived: figures sent under the wrong name (or none) would be dropped by the coordinator
        name = body.getString("name", name);
        coordinatorNode = body.getString("coordinator", coordinatorNode);
        int index = body.getInteger("index");
        List<String> names = new ArrayList<>();
        body.getJsonArray("names", new JsonArray()).forEach(n -> names.add(String.valueOf(n)));
        long start = body.getLong("startEpochMillis");
        long period = body.getLong("periodMillis", 1_000L);
        plainThreadTasks.add(() -> {
            try {
                AgentSlice started = AgentSlice.start(scenario, target, index, names, start, shards);
                context.runOnContext(v -> {
                    slice = started;
                    sequence = 0;
                    measured.clear();
                    figuresTimer = node.vertx().setPeriodic(period, id -> sendFigures());
                    LOG.info("agent {}: {} devices of {}, slice {} of {}", name, started.devices(), scenario.name(),
                            index + 1, names.size());
                    message.reply(new JsonObject().put("devices", started.devices()));
                });
            } catch (RuntimeException e) {
                message.fail(500, "agent " + name + " could not start its devices: " + e.getMessage());
            }
        });
    }

    private JsonObject figures() {
        return new JsonObject().put("name", name).put("node", node.nodeId()).put("seq", ++sequence).put("figures", ShardFigures.take(slice.metrics(), measured))
                .put("lateness", ShardFigures.encode(slice.clock().takeLateness()));
    }

    private void sendFigures() {
        if (slice != null) {
            node.vertx().eventBus().send(Wire.FIGURES, figures());
        }
    }

    private void tally(Message<JsonObject> message) {
        if (slice == null) {
            message.fail(409, "agent " + name + " runs nothing");
            return;
        }
        slice.tallyGroups().onComplete(tally -> context.runOnContext(v -> {
            if (slice == null) {
                message.fail(409, "agent " + name + " runs nothing");
            } else if (tally.failed()) {
                message.fail(500, tally.cause().toString());
            } else {
                message.reply(figures().put("groups", Wire.groups(tally.result())));
            }
        }));
    }

    private void stop(Message<JsonObject> message, boolean deregister) {
        if (slice == null) {
            release(); // a coordinator that gave up before this agent's devices started
            message.reply(new JsonObject());
            return;
        }
        node.vertx().cancelTimer(figuresTimer);
        AgentSlice stopping = slice;
        stopping.stopDevices(deregister).onComplete(done -> context.runOnContext(v -> {
            if (slice == stopping) {
                message.reply(figures());
                release();
            }
        }));
    }

    private void abandon(Message<JsonObject> message) {
        if (slice == null) {
            message.reply(new JsonObject());
            return;
        }
        slice.abandonDevices().onComplete(done -> message.reply(new JsonObject()));
    }

    /** The run is over for this agent: close its share and wait for the next coordinator. */
    private void release() {
        node.vertx().cancelTimer(figuresTimer);
        AgentSlice ended = slice;
        slice = null;
        coordinatorNode = null;
        if (ended != null) {
            plainThreadTasks.add(ended::close);
            LOG.info("agent {}: run over; registration latency (ms) sent to the coordinator {}; waiting for a coordinator",
                    name, LatencySummary.of(measured.getOrDefault(LatencyMetric.REGISTRATION, new Histogram(3))));
        }
        name = null;
    }

    private void memberLeft(String left) {
        if (left.equals(coordinatorNode)) {
            LOG.warn("agent {}: the coordinator left the cluster; stopping this share's devices", name);
            AgentSlice stopping = slice;
            if (stopping == null) {
                release();
                return;
            }
            node.vertx().cancelTimer(figuresTimer);
            stopping.stopDevices(true).onComplete(done -> context.runOnContext(v -> {
                if (slice == stopping) {
                    release();
                }
            }));
        }
    }

    /** Stops any share still running, leaves the cluster and ends {@link #serve()}. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        CountDownLatch stopped = new CountDownLatch(1);
        context.runOnContext(v -> {
            node.vertx().cancelTimer(helloTimer);
            AgentSlice running = slice;
            release();
            if (running != null) {
                running.abandonDevices();
            }
            stopped.countDown();
        });
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runnable task;
        while ((task = plainThreadTasks.poll()) != null) {
            task.run();
        }
        node.close();
    }
}
