package io.fleetsim.cli;

import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

/**
 * A DNS server on 127.0.0.1 for one name: its A record is {@code first} until {@code ttlSeconds}
 * after the first A query, then {@code second}, each with that TTL. Other names get NXDOMAIN;
 * AAAA questions an empty answer.
 */
final class LoopbackDnsServer implements AutoCloseable {

    private final String name;
    private final InetAddress first;
    private final InetAddress second;
    private final int ttlSeconds;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final AtomicInteger aQueries = new AtomicInteger();
    private volatile long firstQueryNanos;

    LoopbackDnsServer(String name, String first, String second, int ttlSeconds) throws Exception {
        this.name = name.toLowerCase(Locale.ROOT);
        this.first = InetAddress.getByName(first);
        this.second = InetAddress.getByName(second);
        this.ttlSeconds = ttlSeconds;
        this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Answerer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    String address() {
        return "127.0.0.1:" + ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    int aQueries() {
        return aQueries.get();
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, question);
            String asked = question.name().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            if (!asked.equals(name)) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            } else if (question.type() == DnsRecordType.A) {
                long now = System.nanoTime();
                if (aQueries.getAndIncrement() == 0) {
                    firstQueryNanos = now;
                }
                boolean expired = now - firstQueryNanos >= TimeUnit.SECONDS.toNanos(ttlSeconds);
                response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A,
                        ttlSeconds, Unpooled.wrappedBuffer((expired ? second : first).getAddress())));
            }
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
}
