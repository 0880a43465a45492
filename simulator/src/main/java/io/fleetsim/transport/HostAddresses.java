package io.fleetsim.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.ResolvedAddressTypes;

/**
 * The addresses of a run's server host names: one {@link HostAddress} per name, shared by the
 * whole fleet. A name is looked up with {@link DnsLookup} (the scenario's DNS server, else the
 * first one of {@code /etc/resolv.conf}), whose answers carry their TTL, so that the JDK's own DNS
 * cache never decides when a name is asked again; the lookup socket is bound to the local address
 * on the DNS server's side, which is the interface the devices' packets leave by, never the
 * wildcard address. IP literals, {@code localhost} and names of the hosts file stay fixed, and so
 * does every name when the run follows no DNS answer and names no DNS server (then the system
 * resolver answers, once, as it always did).
 *
 * <p>Lookups, failed lookups, and lookups that gave a new address are counted in the given
 * metrics ({@link Counter#DNS_LOOKUPS}, {@link Counter#DNS_LOOKUP_FAILURES},
 * {@link Counter#DNS_NEW_ADDRESSES}). {@link #address} blocks the first time it sees a name: call it
 * before the run starts, never on an event loop.
 */
public final class HostAddresses implements AutoCloseable {

    /** Shortest time an answer is kept, whatever its TTL, so that a TTL of 0 does not ask at every connection. */
    static final long MIN_TTL_SECONDS = 1;
    /** Wait before asking again after a failed lookup; the address the devices had stays meanwhile. */
    static final long RETRY_SECONDS = 5;
    static final long LOOKUP_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress dnsServer;
    private final boolean useDns;
    private final ShardMetrics metrics;
    private final Map<String, HostAddress> byHost = new ConcurrentHashMap<>();
    private DnsLookup lookup;
    private boolean closed;

    /**
     * @param dnsServer the DNS server to ask, or null for the system's ({@code /etc/resolv.conf})
     * @param useDns    whether names are looked up with TTLs: when some group follows DNS or a DNS
     *                  server is given; otherwise the system resolver resolves each name once
     * @param metrics   where lookups are counted
     */
    public HostAddresses(InetSocketAddress dnsServer, boolean useDns, ShardMetrics metrics) {
        this.dnsServer = dnsServer;
        this.useDns = useDns || dnsServer != null;
        this.metrics = metrics;
    }

    /** Host names resolve with the system resolver, once: how runs resolved before they followed DNS. */
    public static HostAddresses systemResolver() {
        return new HostAddresses(null, false, new ShardMetrics());
    }

    /**
     * The address of {@code host}, shared by every caller. The first call for a name looks it up,
     * blocking; a name that does not resolve is an {@link IllegalArgumentException} naming it.
     */
    public HostAddress address(String host) {
        HostAddress known = byHost.get(host);
        if (known != null) {
            return known;
        }
        HostAddress made = resolve(host);
        HostAddress raced = byHost.putIfAbsent(host, made);
        return raced != null ? raced : made;
    }

    /** {@code host} as an IP literal now: see {@link #address}. */
    public String literal(String host) {
        return address(host).current();
    }

    private HostAddress resolve(String host) {
        if (FleetVertx.isLiteral(host)) {
            return HostAddress.literal(host);
        }
        if (!useDns || inHostsFile(host)) {
            return HostAddress.fixed(host, FleetVertx.literal(host));
        }
        DnsLookup.Answer answer;
        try {
            answer = lookup().lookup(host);
        } catch (DnsLookup.LookupException e) {
            metrics.increment(Counter.DNS_LOOKUPS);
            metrics.increment(Counter.DNS_LOOKUP_FAILURES);
            throw new IllegalArgumentException("cannot resolve the target host '" + host + "': " + e.getMessage(), e);
        }
        metrics.increment(Counter.DNS_LOOKUPS);
        return HostAddress.followed(host, literals(answer).get(0), validNanos(answer), this::refresh);
    }

    private void refresh(HostAddress address) {
        DnsLookup open = openLookup();
        if (open == null) {
            return; // the run is over
        }
        open.lookupAsync(address.host()).whenComplete((answer, failure) -> {
            metrics.increment(Counter.DNS_LOOKUPS);
            if (failure != null) {
                metrics.increment(Counter.DNS_LOOKUP_FAILURES);
                address.failed(TimeUnit.SECONDS.toNanos(RETRY_SECONDS));
            } else if (address.answered(literals(answer), validNanos(answer))) {
                metrics.increment(Counter.DNS_NEW_ADDRESSES);
            }
        });
    }

    private static List<String> literals(DnsLookup.Answer answer) {
        return answer.addresses().stream().map(InetAddress::getHostAddress).toList();
    }

    private static long validNanos(DnsLookup.Answer answer) {
        return TimeUnit.SECONDS.toNanos(Math.max(MIN_TTL_SECONDS, Math.min(answer.ttlSeconds(), Integer.MAX_VALUE)));
    }

    private static boolean inHostsFile(String host) {
        return host.equalsIgnoreCase("localhost")
                || HostsFileEntriesResolver.DEFAULT.address(host, ResolvedAddressTypes.IPV4_PREFERRED) != null;
    }

    private synchronized DnsLookup lookup() {
        if (lookup == null) {
            InetSocketAddress server = dnsServer != null ? dnsServer : DnsLookup.systemNameServer();
            try {
                lookup = new DnsLookup(server, LOOKUP_TIMEOUT_MILLIS);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot use the DNS server " + DnsLookup.text(server) + ": "
                        + e.getMessage(), e);
            }
        }
        return lookup;
    }

    private synchronized DnsLookup openLookup() {
        return closed ? null : lookup();
    }

    /** Closes the lookup socket, if one was opened. Lookups still under way are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        if (lookup != null) {
            lookup.close();
            lookup = null;
        }
    }
}
