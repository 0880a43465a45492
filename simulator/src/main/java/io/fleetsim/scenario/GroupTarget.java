package io.fleetsim.scenario;

/**
 * Where a group's devices go, when not where the run's {@code target} says, and how they look its
 * host name up.
 *
 * @param uri          the group's own LwM2M server ({@code coap://host:port} and the like, port spelt
 *                     out), whose scheme is the group's transport; null for the run's target (or
 *                     the embedded server)
 * @param bootstrapUri the group's bootstrap server, checked and kept for later; null when not given
 * @param followDns    whether the devices look the server's host name up again once its TTL has
 *                     passed, picking up a new address at their next registration or connection
 */
public record GroupTarget(String uri, String bootstrapUri, boolean followDns) {

    /** The run's target, followed after its TTL. */
    public static final GroupTarget DEFAULT = new GroupTarget(null, null, true);

    /** Whether the group names its own server. */
    public boolean hasOwnUri() {
        return uri != null;
    }
}
