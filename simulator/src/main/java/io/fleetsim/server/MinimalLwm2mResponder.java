package io.fleetsim.server;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.scenario.TargetUri;
import io.fleetsim.server.DuplicateResponseCache.ExchangeKey;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.bootstrap.Bootstrap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

/**
 * A minimal in-process LwM2M registration peer on datagram sockets bound to 127.0.0.1: it
 * answers register, update and deregister requests (see {@link RegistrationRequestHandler}) and
 * CoAP pings, and nothing else. Benchmarks use it to separate the simulator's own cost from a
 * real server's; tests use it as a scriptable peer.
 *
 * <p>It listens on one or more sockets bound to the same port with SO_REUSEPORT, each read by an
 * event loop of its own, so that a registration storm is spread by the kernel over several
 * loops and receive buffers instead of overflowing one. Vert.x's datagram sockets on the JDK
 * transport do not pass SO_REUSEPORT to the socket, so the sockets are Netty NIO datagram
 * channels (the JDK sets SO_REUSEPORT on Linux and macOS) registered on the event loops of the
 * given Vert.x instance: no extra thread, no native library. The registration directory and the
 * duplicate cache are shared by all sockets, so an update or a retransmission is answered right
 * whichever socket it arrives on. Nothing blocks.
 *
 * <p>It reads and writes only the bytes it answers from ({@link CoapWire}), so that it costs as
 * little as possible next to the simulator it measures. Datagrams that are not CoAP are counted
 * and dropped. A retransmitted CON (same source and message ID) gets the same bytes as the first
 * answer and is counted once.
 *
 * <p>Started with an observe path, it also observes that resource on every device whose Register
 * it accepts: right after the 2.01 Created it sends the device one CON GET with Observe 0 (RFC 7641)
 * from the same socket, then counts the device's 2.05 answer and every notification after it,
 * acknowledging the confirmable ones (a retransmitted one is acknowledged again and counted once).
 * Without attributes the devices notify as their values change. With {@code pmin} or {@code pmax}
 * ({@link ResponderObservation}) it first sends a Write-Attributes (CON PUT {@code ?pmin=S&pmax=S})
 * to the path and the GET when the device has answered it, whatever the answer. Neither request is
 * retransmitted; on loopback they are not lost.
 */
public final class MinimalLwm2mResponder {

    /** Receive buffer of each socket (the kernel caps it at net.core.rmem_max). */
    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** The largest datagram read whole: the largest UDP payload over IPv4. */
    private static final int MAX_DATAGRAM_BYTES = 65_507;

    private static final Logger LOG = LoggerFactory.getLogger(MinimalLwm2mResponder.class);
    private static final String LOOPBACK = "127.0.0.1";
    /** RFC 7252 EXCHANGE_LIFETIME: how long a CON's answer must be kept for duplicates. */
    private static final long EXCHANGE_LIFETIME_MS = 247_000;
    private static final byte[] NO_TOKEN = new byte[0];

    private final List<Channel> sockets = new ArrayList<>();
    private final ResponderCounters counters = new ResponderCounters();
    private final RegistrationDirectory directory = new RegistrationDirectory();
    private final RegistrationRequestHandler handler =
            new RegistrationRequestHandler(directory, counters);
    private final DuplicateResponseCache answered = new DuplicateResponseCache();
    private final AtomicInteger nextMessageId = new AtomicInteger(1);
    private final Vertx vertx;
    /** The Uri-Path of the resource observed on every registered device, or null for none. */
    private final List<String> observePath;
    /** What is observed, with the attributes written first; null for nothing. */
    private final ResponderObservation observation;
    /** Write-Attributes sent and not yet answered, by device address and message ID. */
    private final java.util.Set<ExchangeKey> writingAttributes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong nextToken = new AtomicLong(1);
    private long rotationTimer = -1;
    private int port;

    /** The address the sockets are bound to, as the URI names it. */
    private final String host;

    private MinimalLwm2mResponder(Vertx vertx, String host, ResponderObservation observation) {
        this.vertx = vertx;
        this.host = host;
        this.observation = observation;
        this.observePath = observation == null ? null : observePath(observation.path());
    }

    /**
     * The Uri-Path segments of an observe path such as {@code /3303/0/5700}: an object, an
     * instance or a resource, each segment a number from 0 to 65535.
     *
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static List<String> observePath(String path) {
        String[] segments = path == null || !path.startsWith("/") ? null : path.substring(1).split("/", -1);
        if (segments == null || segments.length < 1 || segments.length > 3) {
            throw new IllegalArgumentException("observe path '" + path
                    + "' is not /OBJECT, /OBJECT/INSTANCE or /OBJECT/INSTANCE/RESOURCE (e.g. /3303/0/5700)");
        }
        for (String segment : segments) {
            if (!segment.matches("[0-9]{1,5}") || Integer.parseInt(segment) > 65535) {
                throw new IllegalArgumentException("observe path '" + path + "': '" + segment
                        + "' is not an id from 0 to 65535");
            }
        }
        return List.of(segments);
    }

    /** A responder's default socket count: one per core, at least two. */
    public static int defaultSockets() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Binds a new responder to 127.0.0.1 on a free port, on one socket. All its work runs on one
     * context: the caller's when called from a Vert.x event loop, otherwise a new event-loop context.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx) {
        return start(vertx, 0);
    }

    /**
     * As {@link #start(Vertx)}, on 127.0.0.1:{@code port} (0 for a free one): tests stop a
     * responder and start another on the same port to play a server that goes down and comes back.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx, int port) {
        return start(vertx, port, 1);
    }

    /**
     * As {@link #start(Vertx, int)}, on {@code sockets} sockets sharing the port with
     * SO_REUSEPORT: the first on the caller's context when called from a Vert.x event loop (else a
     * new event-loop context), each other on a new event-loop context, so on as many of
     * {@code vertx}'s event loops as it has, up to {@code sockets}.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx, int port, int sockets) {
        return start(vertx, port, sockets, (ResponderObservation) null);
    }

    /**
     * As {@link #start(Vertx, int, int)}, observing {@code observePath} (see
     * {@link #observePath(String)}; null for none) on every device that registers.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx, int port, int sockets, String observePath) {
        return start(vertx, port, sockets, ResponderObservation.of(observePath));
    }

    /**
     * As {@link #start(Vertx, int, int)}, observing {@code observation}'s path on every device that
     * registers, after writing its attributes when it has any; null for no observation.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx, int port, int sockets,
            ResponderObservation observation) {
        return start(vertx, LOOPBACK, port, sockets, observation);
    }

    /**
     * As {@link #start(Vertx, int, int, ResponderObservation)}, on {@code host} (an IP literal of
     * this machine) instead of 127.0.0.1.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx, String host, int port, int sockets,
            ResponderObservation observation) {
        if (sockets < 1) {
            throw new IllegalArgumentException("the minimal responder needs at least one socket, not " + sockets);
        }
        MinimalLwm2mResponder responder = new MinimalLwm2mResponder(vertx, host, observation);
        // the first socket picks the port when it is 0; the others join it
        Future<Void> bound = responder.bind((ContextInternal) vertx.getOrCreateContext(), port, sockets > 1);
        for (int i = 1; i < sockets; i++) {
            bound = bound.compose(v -> responder.bind(((VertxInternal) vertx).createEventLoopContext(), responder.port,
                    true));
        }
        return bound.<MinimalLwm2mResponder>map(v -> {
            responder.rotationTimer = vertx.setPeriodic(EXCHANGE_LIFETIME_MS, id -> responder.answered.rotate());
            LOG.info("Minimal LwM2M responder listening on {} ({} socket(s))", responder.coapUri(), sockets);
            return responder;
        }).recover(e -> responder.close().transform(closed -> Future.failedFuture(e)));
    }

    private Future<Void> bind(ContextInternal context, int port, boolean reusePort) {
        Bootstrap bootstrap = new Bootstrap()
                .group(context.nettyEventLoop())
                .channelFactory(() -> new NioDatagramChannel(host.indexOf(':') >= 0 ? InternetProtocolFamily.IPv6
                        : InternetProtocolFamily.IPv4))
                // A registration storm arrives as a burst: a large receive buffer keeps the burst
                // instead of dropping it while the loop catches up.
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                .handler(new Answering());
        if (reusePort) {
            bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
        Promise<Void> bound = context.promise();
        bootstrap.bind(host, port).addListener(done -> {
            if (done.isSuccess()) {
                Channel channel = ((ChannelFuture) done).channel();
                synchronized (sockets) {
                    sockets.add(channel);
                }
                this.port = ((InetSocketAddress) channel.localAddress()).getPort();
                bound.complete();
            } else {
                bound.fail(done.cause());
            }
        });
        return bound.future();
    }

    /** The bound UDP port. */
    public int port() {
        return port;
    }

    /** How many sockets share the port. */
    public int sockets() {
        synchronized (sockets) {
            return sockets.size();
        }
    }

    /** The URI devices register to, {@code coap://127.0.0.1:PORT} (or the host it was started on). */
    public String coapUri() {
        return TargetUri.of("coap", host, port());
    }

    /** What the responder has answered or dropped so far. */
    public ResponderCounters counters() {
        return counters;
    }

    /** Unbinds the sockets and stops the duplicate cache's timer. */
    public Future<Void> close() {
        vertx.cancelTimer(rotationTimer);
        List<Channel> open;
        synchronized (sockets) {
            open = new ArrayList<>(sockets);
            sockets.clear();
        }
        List<Future<Void>> closed = new ArrayList<>();
        for (Channel channel : open) {
            Promise<Void> done = Promise.promise();
            channel.close().addListener(f -> done.complete());
            closed.add(done.future());
        }
        return Future.all(closed).mapEmpty();
    }

    /** Reads one socket; runs on that socket's event loop. */
    private final class Answering extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            onDatagram(context.channel(), ByteBufUtil.getBytes(packet.content()), packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.debug("Responder socket error", cause);
        }
    }

    private void onDatagram(Channel socket, byte[] datagram, InetSocketAddress sender) {
        CoapWire.Message message = CoapWire.parse(datagram);
        if (message == null) {
            counters.countGarbage();
        } else if (message.isRequest()) {
            answer(socket, message, sender);
        } else if (message.code() >= 64) {
            onResponse(socket, message, sender);
        } else if (message.isEmpty() && message.type() == CoapWire.CON) {
            counters.countPing();
            send(socket, CoapWire.response(CoapWire.RST, 0, message.messageId(), NO_TOKEN, List.of()), sender);
        }
        // empty ACKs and RSTs need no answer
    }

    /**
     * A device's answer to a Write-Attributes or an observe request (piggybacked on the ACK), or a
     * notification (CON or NON).
     */
    private void onResponse(Channel socket, CoapWire.Message response, InetSocketAddress sender) {
        if (response.type() == CoapWire.ACK && writingAttributes.remove(exchange(sender, response.messageId()))) {
            if (response.code() == CoapWire.CHANGED) {
                counters.countAttributesWritten();
            } else {
                counters.countAttributesRefused();
            }
            observe(socket, sender);
        } else if (response.type() == CoapWire.ACK) {
            if (response.code() == CoapWire.CONTENT) {
                counters.countObservationStarted();
            } else {
                counters.countObserveRefused();
            }
        } else if (response.type() == CoapWire.CON) {
            ExchangeKey key = exchange(sender, response.messageId());
            boolean[] fresh = {false};
            byte[] ack = answered.answer(key, () -> {
                fresh[0] = true;
                return CoapWire.response(CoapWire.ACK, 0, response.messageId(), NO_TOKEN, List.of());
            });
            if (fresh[0]) {
                counters.countNotification(true);
            } else {
                counters.countDuplicate();
            }
            send(socket, ack, sender);
        } else if (response.type() == CoapWire.NON) {
            counters.countNotification(false);
        }
    }

    /**
     * The device at {@code device} has just registered: writes the observation's attributes to it
     * when there are any (the Observe follows the answer), else observes {@link #observePath}.
     */
    private void startObserving(Channel socket, InetSocketAddress device) {
        if (!observation.hasAttributes()) {
            observe(socket, device);
            return;
        }
        int messageId = nextMessageId();
        writingAttributes.add(exchange(device, messageId));
        counters.countAttributesRequest();
        send(socket, CoapWire.writeAttributesRequest(messageId, nextToken(), observePath, observation.queries()), device);
    }

    /** Observes {@link #observePath} on the device at {@code device}. */
    private void observe(Channel socket, InetSocketAddress device) {
        counters.countObserveRequest();
        send(socket, CoapWire.observeRequest(nextMessageId(), nextToken(), observePath), device);
    }

    private byte[] nextToken() {
        byte[] token = new byte[8];
        long value = nextToken.getAndIncrement();
        for (int i = 7; i >= 0; i--, value >>>= 8) {
            token[i] = (byte) value;
        }
        return token;
    }

    private static ExchangeKey exchange(InetSocketAddress peer, int messageId) {
        return new ExchangeKey(peer.getAddress().getHostAddress(), peer.getPort(), messageId);
    }

    private void answer(Channel socket, CoapWire.Message request, InetSocketAddress sender) {
        boolean[] registered = {false};
        if (request.type() != CoapWire.CON) {
            send(socket, respond(request, CoapWire.NON, nextMessageId(), registered), sender);
            observeIfRegistered(socket, sender, registered);
            return;
        }
        ExchangeKey key = exchange(sender, request.messageId());
        boolean[] fresh = {false};
        byte[] response = answered.answer(key, () -> {
            fresh[0] = true;
            return respond(request, CoapWire.ACK, request.messageId(), registered);
        });
        if (!fresh[0]) {
            counters.countDuplicate();
        }
        send(socket, response, sender);
        observeIfRegistered(socket, sender, registered);
    }

    private void observeIfRegistered(Channel socket, InetSocketAddress device, boolean[] registered) {
        if (registered[0] && observation != null) {
            startObserving(socket, device);
        }
    }

    /** Answers a request; sets {@code registered[0]} when it accepted a Register. */
    private byte[] respond(CoapWire.Message request, int type, int messageId, boolean[] registered) {
        RegistrationRequestHandler.Answer answer = handler.handle(request.code(), request.path(), request.queries());
        registered[0] = answer.code() == RegistrationRequestHandler.CREATED;
        return CoapWire.response(type, answer.code(), messageId, request.token(), answer.locationPath());
    }

    private int nextMessageId() {
        return nextMessageId.getAndIncrement() & 0xFFFF;
    }

    private static void send(Channel socket, byte[] datagram, InetSocketAddress to) {
        socket.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to)).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("Could not answer {}: {}", to, f.cause().getMessage());
            }
        });
    }
}
