package io.fleetsim.preflight;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;

/**
 * Asks one DNS server for the A and AAAA records of a name and reports the addresses with their
 * TTL, which the JDK resolver does not give. Uses Netty's {@link DnsNameResolver} on an event loop
 * of its own, with no cache, bound to a local address on the DNS server's side (127.0.0.1 for a
 * server on loopback), never the wildcard address. {@link #lookup} blocks its caller until the
 * answer comes: call it from a plain thread, never from an event loop.
 */
final class DnsLookup implements AutoCloseable {

    /** The answer to one lookup: the addresses and the lowest TTL among their records. */
    record Answer(List<InetAddress> addresses, long ttlSeconds) {
    }

    /** The lookup failed: no answer, an error code, or no address records. */
    static final class LookupException extends Exception {
        private static final long serialVersionUID = 1L;

        LookupException(String message) {
            super(message, null, false, false);
        }
    }

    private final InetSocketAddress server;
    private final long timeoutMillis;
    private final EventLoopGroup group;
    private final DnsNameResolver resolver;

    DnsLookup(InetSocketAddress server, long timeoutMillis) throws IOException {
        this.server = server;
        this.timeoutMillis = timeoutMillis;
        InetSocketAddress local = new InetSocketAddress(localAddressToward(server.getAddress()), 0);
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.resolver = new DnsNameResolverBuilder(group.next())
                .datagramChannelType(NioDatagramChannel.class)
                .nameServerProvider(new SingletonDnsServerAddressStreamProvider(server))
                .localAddress(local)
                .resolveCache(NoopDnsCache.INSTANCE)
                .queryTimeoutMillis(timeoutMillis)
                .recursionDesired(true)
                .build();
    }

    /** The name server of the system's resolver configuration ({@code /etc/resolv.conf}). */
    static InetSocketAddress systemNameServer() {
        return DnsServerAddressStreamProviders.platformDefault().nameServerAddressStream("").next();
    }

    InetSocketAddress server() {
        return server;
    }

    /** The A and AAAA records of {@code name}; blocks until they come or the query times out. */
    Answer lookup(String name) throws LookupException {
        List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        String error = null;
        for (DnsRecordType type : List.of(DnsRecordType.A, DnsRecordType.AAAA)) {
            Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> query =
                    resolver.query(new DefaultDnsQuestion(name, type));
            if (!query.awaitUninterruptibly(timeoutMillis + 1000)) {
                query.cancel(false);
                error = "no answer from " + text(server) + " within " + timeoutMillis + " ms";
                continue;
            }
            if (!query.isSuccess()) {
                error = "no answer from " + text(server) + ": " + query.cause().getMessage();
                continue;
            }
            AddressedEnvelope<DnsResponse, InetSocketAddress> envelope = query.getNow();
            try {
                DnsResponse response = envelope.content();
                if (response.code() != DnsResponseCode.NOERROR) {
                    error = text(server) + " answered " + codeText(response.code());
                    continue;
                }
                for (int i = 0; i < response.count(DnsSection.ANSWER); i++) {
                    DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
                    if (record.type() == type && record instanceof DnsRawRecord raw) {
                        addresses.add(address(name, raw.content()));
                        ttl = Math.min(ttl, record.timeToLive());
                    }
                }
            } finally {
                envelope.release();
            }
        }
        if (addresses.isEmpty()) {
            throw new LookupException(error != null ? error : text(server) + " has no A or AAAA record for " + name);
        }
        return new Answer(List.copyOf(addresses), ttl);
    }

    private static String codeText(DnsResponseCode code) {
        return switch (code.intValue()) {
            case 2 -> "SERVFAIL (the server could not get an answer)";
            case 3 -> "NXDOMAIN (no such name)";
            case 5 -> "REFUSED (the server does not answer this client)";
            default -> code.toString();
        };
    }

    private static InetAddress address(String name, ByteBuf content) throws LookupException {
        try {
            return InetAddress.getByAddress(name, ByteBufUtil.getBytes(content));
        } catch (UnknownHostException e) {
            throw new LookupException("a malformed address record for " + name);
        }
    }

    /**
     * The local address on the side of {@code remote}: loopback for a loopback server, otherwise
     * the address the routing table picks for it (a connected UDP channel that sends nothing).
     */
    static InetAddress localAddressToward(InetAddress remote) throws IOException {
        if (remote.isLoopbackAddress()) {
            return remote instanceof Inet6Address ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        }
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(new InetSocketAddress(remote, 53));
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        }
    }

    static String text(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
}
