package io.fleetsim.engine.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * How a process joins a fleetsim cluster.
 *
 * @param host    the only interface the cluster's sockets bind to (Hazelcast and the event bus)
 * @param port    Hazelcast's port; when taken, the next ones up to {@link #PORT_RANGE} are tried
 * @param name    the cluster's name: runs with other names never meet
 * @param members {@code host} or {@code host:port} of processes to join (TCP-IP join, no multicast)
 * @param secret  the shared secret; never logged, never sent (only a hash of it is, see
 *                {@link #hazelcastClusterName()})
 */
public record ClusterSettings(String host, int port, String name, List<String> members, String secret) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5701;
    public static final String DEFAULT_NAME = "fleetsim";
    /** Ports a process tries from {@code port} up, and a member named without a port is looked for on. */
    public static final int PORT_RANGE = 10;
    public static final String SECRET_ENV = "FLEETSIM_CLUSTER_SECRET";

    public ClusterSettings {
        members = List.copyOf(members);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a shared secret is needed to join a cluster: give --cluster-secret or "
                    + "set " + SECRET_ENV);
        }
        if (port < 1 || port > 65535 - PORT_RANGE) {
            throw new IllegalArgumentException("--cluster-port: " + port + " is not a port (1 to " + (65535 - PORT_RANGE) + ")");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--cluster-name: must not be empty");
        }
        for (String member : members) {
            if (member.isBlank() || member.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("--members: '" + member + "' is not host or host:port");
            }
        }
    }

    /**
     * The name Hazelcast clusters by: the cluster name and a SHA-256 hash of the name and the secret.
     * Hazelcast refuses a member whose cluster name differs at the join, before it sees any map or
     * event bus address, so a process with a wrong secret never becomes part of the cluster.
     */
    public String hazelcastClusterName() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((name + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The members to join: those given, else {@code host} (looked for on the default ports). */
    public List<String> joinMembers() {
        return members.isEmpty() ? List.of(host) : members;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "cluster " + name + " on " + host + " (port " + port + " or up to " + (PORT_RANGE - 1) + " above), members "
                + joinMembers();
    }
}
