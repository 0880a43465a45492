package io.fleetsim.engine.cluster;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import io.fleetsim.base.FleetVertx;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * This process as a member of a fleetsim cluster: a clustered Vert.x (one event loop) whose
 * cluster manager is Hazelcast. Membership is closed: the Hazelcast cluster name carries a hash of
 * the shared secret ({@link ClusterSettings#hazelcastClusterName()}); Hazelcast and the event bus
 * bind the one address given; members are found by TCP-IP join to the named members only
 * (multicast and auto-detection off); Hazelcast's phone-home is off. Hazelcast adds a fixed set of
 * threads, whatever the fleet's size.
 */
public final class ClusterNode implements AutoCloseable {

    private static final long JOIN_TIMEOUT_SECONDS = 60;
    /** The member attribute in which vertx-hazelcast keeps a member's Vert.x node id. */
    private static final String VERTX_NODE_ID_ATTRIBUTE = "__vertx.nodeId";

    private final Vertx vertx;
    private final HazelcastClusterManager manager;
    private final ClusterSettings settings;

    private ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterSettings settings) {
        this.vertx = vertx;
        this.manager = manager;
        this.settings = settings;
    }

    /** Starts Hazelcast and the clustered event bus on {@code settings.host()}; blocks until joined. */
    public static ClusterNode join(ClusterSettings settings) {
        String address;
        try {
            address = FleetVertx.literal(settings.host());
        } catch (IllegalArgumentException e) {
            throw new ClusterException("--cluster-host: " + e.getMessage());
        }
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(settings, address));
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setEventBusOptions(new EventBusOptions().setHost(address).setPort(0).setClusterPublicHost(address));
        System.setProperty("vertx.disableDnsResolver", "true"); // as FleetVertx: no resolver sockets
        System.setProperty("hazelcast.logging.type", "slf4j"); // read before the config is
        try {
            Vertx vertx = Vertx.builder().with(options).withClusterManager(manager).buildClustered()
                    .toCompletionStage().toCompletableFuture().get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new ClusterNode(vertx, manager, settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while joining the " + settings);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ClusterException("could not join the " + settings + ": " + cause.getMessage(), cause);
        }
    }

    static Config hazelcastConfig(ClusterSettings settings, String address) {
        Config config = ConfigUtil.loadConfig(); // Vert.x's maps and multimaps for the event bus
        config.setClusterName(settings.hazelcastClusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", address);
        config.setProperty("hazelcast.tcp.join.port.try.count", String.valueOf(ClusterSettings.PORT_RANGE));
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        // members that started at the same moment and formed clusters of their own find each other soon
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(ClusterSettings.PORT_RANGE);
        network.getRestApiConfig().setEnabled(false);
        network.getMemcacheProtocolConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(expand(settings.joinMembers())).setConnectionTimeoutSeconds(2);
        return config;
    }

    /**
     * The members with every address each name resolves to now added (a headless Kubernetes
     * Service names every agent pod), the names kept so that Hazelcast resolves them again later.
     */
    static java.util.List<String> expand(java.util.List<String> members) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String member : members) {
            out.add(member);
            int colon = member.lastIndexOf(':');
            boolean hasPort = colon > 0 && member.indexOf(':') == colon;
            String host = hasPort ? member.substring(0, colon) : member;
            if (FleetVertx.isLiteral(host)) {
                continue;
            }
            try {
                for (java.net.InetAddress address : java.net.InetAddress.getAllByName(host)) {
                    if (!(address instanceof java.net.Inet4Address)) {
                        continue; // an IPv6 member is named as such, with its port, by the user
                    }
                    out.add(address.getHostAddress() + (hasPort ? member.substring(colon) : ""));
                }
            } catch (java.net.UnknownHostException e) {
                // not resolvable yet (a pod not scheduled): Hazelcast tries the name again later
            }
        }
        return java.util.List.copyOf(out);
    }

    public Vertx vertx() {
        return vertx;
    }

    /** This member's id in the cluster (Vert.x's node id, Hazelcast's member uuid). */
    public String nodeId() {
        return manager.getNodeId();
    }

    /** Members of the cluster now, this one included. */
    public int members() {
        return manager.getNodes().size();
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Calls {@code left} with the node id of every member that leaves the cluster (on a Hazelcast thread). */
    public void onMemberLeft(Consumer<String> left) {
        manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String vertxNode = event.getMember().getAttribute(VERTX_NODE_ID_ATTRIBUTE);
                left.accept(vertxNode != null ? vertxNode : event.getMember().getUuid().toString());
            }
        });
    }

    /** Leaves the cluster and stops Vert.x and Hazelcast. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // leaving is best effort: the others see this member go either way
        }
    }
}
