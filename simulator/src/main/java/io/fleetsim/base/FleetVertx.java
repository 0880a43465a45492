package io.fleetsim.base;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxThreadFactory;

/**
 * Vert.x instances that open no socket for name resolution, and the one place fleetsim turns a
 * host name into an address.
 *
 * <p>Vert.x's own DNS resolver (Netty's {@code DnsNameResolver}) binds a UDP socket to the
 * wildcard address on every event loop that sends a datagram or connects, even to an IP literal,
 * and Vert.x 5.0 has no option to bind it elsewhere. fleetsim's Vert.x instances therefore
 * resolve with the JDK ({@code vertx.disableDnsResolver}), which opens nothing but would block an
 * event loop on a real name: so no name ever reaches them. Targets are resolved once, before the
 * run starts, on the thread that starts it ({@link #literal}); the event loops see IP literals only.
 */
public final class FleetVertx {

    /** Vert.x reads it when an instance is built. */
    static final String JDK_RESOLVER_PROPERTY = "vertx.disableDnsResolver";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private FleetVertx() {
    }

    /** A Vert.x instance that resolves with the JDK and so opens no resolver sockets. */
    public static Vertx create(VertxOptions options) {
        System.setProperty(JDK_RESOLVER_PROPERTY, "true");
        return Vertx.vertx(options);
    }

    /**
     * As {@link #create(VertxOptions)}, with {@code threadNamePrefix} before the names of its
     * threads, so that they are told apart from other instances' (an embedded server's from the
     * simulator's in the run's CPU figures).
     */
    public static Vertx create(VertxOptions options, String threadNamePrefix) {
        System.setProperty(JDK_RESOLVER_PROPERTY, "true");
        VertxThreadFactory named = new VertxThreadFactory() {
            @Override
            public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime,
                    TimeUnit maxExecTimeUnit) {
                return VertxThreadFactory.INSTANCE.newVertxThread(target, threadNamePrefix + name, worker, maxExecTime,
                        maxExecTimeUnit);
            }
        };
        return VertxBootstrap.create().options(options).threadFactory(named).init().vertx();
    }

    /** A Vert.x instance of one event loop, one worker and one internal blocking thread, for a server. */
    public static Vertx oneEventLoop() {
        return create(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    }

    /**
     * Whether {@code host} is an IPv6 literal (no name has a colon) or a dotted-quad IPv4 literal,
     * which {@link InetAddress#getByName} parses without a lookup.
     */
    public static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    /**
     * {@code host} as an IP literal: itself when it is one, otherwise the first address the system
     * resolver gives for it. Blocks on a name; call it before the run starts, never on an event loop.
     *
     * @throws IllegalArgumentException when the name does not resolve
     */
    public static String literal(String host) {
        if (isLiteral(host)) {
            return host;
        }
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the target host '" + host + "': " + e.getMessage(), e);
        }
    }
}
