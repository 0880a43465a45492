package io.fleetsim.scenario;

/**
 * Where a group's devices go, when not where the run's {@code target} says, and how they look its
 * host name up.
 *
 * @param uri          the group's own LwM2M server ({@code coap://host:port} and the like, port spelt
 *                     out), whose scheme is the group's transport; null for the run's target (or
 *                     the embedded server)
 * @param bootstrapUri the group's bootstrap server ({@code bootstrap.uri} or {@code bootstrapTarget}),
 *                     {@code coap://} or {@code coaps://}; null when not given
 * @param followDns    whether the devices look the server's host name up again once its TTL has
 *                     passed, picking up a new address at their next registration or connection
 * @param bootstrap    whether the group asks for bootstrap: {@code bootstrap: true}, a
 *                     {@code bootstrap.uri} or a {@code bootstrapTarget}; with a null
 *                     {@code bootstrapUri}, the embedded bootstrap server is meant
 * @param bootstrapFinishTimeout how long a bootstrapping device waits, from its Bootstrap-Request,
 *                     for Bootstrap-Finish after the answer to its Bootstrap-Request
 *                     ({@code bootstrap.finishTimeoutSeconds})
 */
public record GroupTarget(String uri, String bootstrapUri, boolean followDns, boolean bootstrap,
        java.time.Duration bootstrapFinishTimeout) {

    /** The default of {@code bootstrap.finishTimeoutSeconds} (set before {@link #DEFAULT}, which uses it). */
    public static final java.time.Duration DEFAULT_FINISH_TIMEOUT = java.time.Duration.ofSeconds(93);

    /** The run's target, followed after its TTL. */
    public static final GroupTarget DEFAULT = new GroupTarget(null, null, true);

    /** A target with the default Bootstrap-Finish timeout. */
    public GroupTarget(String uri, String bootstrapUri, boolean followDns, boolean bootstrap) {
        this(uri, bootstrapUri, followDns, bootstrap, DEFAULT_FINISH_TIMEOUT);
    }

    /** A target that bootstraps exactly when a bootstrap server is named. */
    public GroupTarget(String uri, String bootstrapUri, boolean followDns) {
        this(uri, bootstrapUri, followDns, bootstrapUri != null);
    }

    public GroupTarget {
        if (bootstrapFinishTimeout == null) {
            bootstrapFinishTimeout = DEFAULT_FINISH_TIMEOUT;
        }
        if (bootstrapUri != null && !bootstrap) {
            throw new IllegalArgumentException("a bootstrap server '" + bootstrapUri + "' without bootstrap");
        }
    }

    /** Whether the group asks for the embedded bootstrap server (bootstrap without a uri). */
    public boolean embeddedBootstrap() {
        return bootstrap && bootstrapUri == null;
    }

    /** Whether the group names its own server. */
    public boolean hasOwnUri() {
        return uri != null;
    }
}
