package io.fleetsim.transport;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;

/**
 * Asks one DNS server for the A and AAAA records of a name and reports the addresses with their
 * TTL, which the JDK resolver does not give. Uses Netty's {@link DnsNameResolver} on an event loop
 * of its own, with no cache, bound to a local address on the DNS server's side (127.0.0.1 for a
 * server on loopback, else the address the routing table picks for it), never the wildcard
 * address. Shared by {@code fleetsim preflight} and by runs that follow their target's DNS
 * answers ({@link HostAddresses}). {@link #lookupAsync} never blocks; {@link #lookup} blocks its
 * caller until the answer comes: call it from a plain thread, never from an event loop.
 */
public final class DnsLookup implements AutoCloseable {

    /** The answer to one lookup: the addresses and the lowest TTL among their records. */
    public record Answer(List<InetAddress> addresses, long ttlSeconds) {
    }

    /** The lookup failed: no answer, an error code, or no address records. */
    public static final class LookupException extends Exception {
        private static final long serialVersionUID = 1L;

        public LookupException(String message) {
            super(message, null, false, false);
        }
    }

    private final InetSocketAddress server;
    private final long timeoutMillis;
    private final EventLoopGroup group;
    private final DnsNameResolver resolver;

    /** A lookup bound to the local address on {@code server}'s side ({@link #localAddressToward}). */
    public DnsLookup(InetSocketAddress server, long timeoutMillis) throws IOException {
        this(server, localAddressToward(server.getAddress()), timeoutMillis);
    }

    /** A lookup whose socket is bound to {@code localAddress} (never the wildcard address) and a free port. */
    public DnsLookup(InetSocketAddress server, InetAddress localAddress, long timeoutMillis) {
        if (localAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException("a DNS lookup socket is never bound to the wildcard address");
        }
        this.server = server;
        this.timeoutMillis = timeoutMillis;
        InetSocketAddress local = new InetSocketAddress(localAddress, 0);
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
    public static InetSocketAddress systemNameServer() {
        return DnsServerAddressStreamProviders.platformDefault().nameServerAddressStream("").next();
    }

    public InetSocketAddress server() {
        return server;
    }

    /** The A and AAAA records of {@code name}; blocks until they come or the query times out. */
    public Answer lookup(String name) throws LookupException {
        try {
            return lookupAsync(name).get(2 * timeoutMillis + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LookupException lookupFailure) {
                throw lookupFailure;
            }
            throw new LookupException("no answer from " + text(server) + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new LookupException("no answer from " + text(server) + " within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupException("interrupted while waiting for " + text(server));
        }
    }

    /**
     * The A and AAAA records of {@code name}, asked for one after the other; completes on the
     * resolver's own thread, exceptionally with a {@link LookupException}. Never blocks.
     */
    public CompletableFuture<Answer> lookupAsync(String name) {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        Answers answers = new Answers(name);
        query(name, DnsRecordType.A, answers).thenCompose(v -> query(name, DnsRecordType.AAAA, answers))
                .whenComplete((v, t) -> {
                    if (answers.addresses.isEmpty()) {
                        done.completeExceptionally(new LookupException(answers.error != null ? answers.error
                                : text(server) + " has no A or AAAA record for " + name));
                    } else {
                        done.complete(new Answer(List.copyOf(answers.addresses), answers.ttl));
                    }
                });
        return done;
    }

    /** What the queries for one name found so far; touched by one query at a time. */
    private static final class Answers {
        final String name;
        final List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        String error;

        Answers(String name) {
            this.name = name;
        }
    }

    /** One query; its outcome goes into {@code answers}. The future always completes normally. */
    private CompletableFuture<Void> query(String name, DnsRecordType type, Answers answers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> query;
        try {
            query = resolver.query(new DefaultDnsQuestion(name, type));
        } catch (RuntimeException e) {
            answers.error = "cannot ask " + text(server) + ": " + e.getMessage();
            done.complete(null);
            return done;
        }
        query.addListener(f -> {
            try {
                take(type, query, answers);
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private void take(DnsRecordType type, Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> query,
            Answers answers) {
        if (!query.isSuccess()) {
            answers.error = "no answer from " + text(server) + (query.cause() instanceof DnsNameResolverTimeoutException
                    ? " within " + timeoutMillis + " ms" : ": " + query.cause().getMessage());
            return;
        }
        AddressedEnvelope<DnsResponse, InetSocketAddress> envelope = query.getNow();
        try {
            DnsResponse response = envelope.content();
            if (response.code() != DnsResponseCode.NOERROR) {
                answers.error = text(server) + " answered " + codeText(response.code());
                return;
            }
            for (int i = 0; i < response.count(DnsSection.ANSWER); i++) {
                DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
                if (record.type() == type && record instanceof DnsRawRecord raw) {
                    try {
                        answers.addresses.add(address(answers.name, raw.content()));
                        answers.ttl = Math.min(answers.ttl, record.timeToLive());
                    } catch (LookupException e) {
                        answers.error = e.getMessage();
                    }
                }
            }
        } finally {
            envelope.release();
        }
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
    public static InetAddress localAddressToward(InetAddress remote) throws IOException {
        if (remote.isLoopbackAddress()) {
            return remote instanceof Inet6Address ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        }
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(new InetSocketAddress(remote, 53));
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        }
    }

    public static String text(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
}
