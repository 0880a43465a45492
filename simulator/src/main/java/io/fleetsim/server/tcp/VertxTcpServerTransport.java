package io.fleetsim.server.tcp;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.mbed.coap.packet.CoapPacket;
import com.mbed.coap.packet.CoapTcpPacketSerializer;
import com.mbed.coap.transport.CoapTcpListener;
import com.mbed.coap.transport.CoapTcpTransport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A java-coap server transport on Vert.x {@link NetServer}s: java-coap does the protocol (CSM,
 * Ping/Pong, requests, responses) and its own RFC 8323 framing; this class only moves bytes,
 * one connection per peer address. A connection that sends a frame java-coap cannot parse, or
 * more than {@code maxFrameBytes} without completing a frame, is closed.
 *
 * <p>It listens with one NetServer per event loop it is given, all sharing one port (Vert.x
 * hands new connections to them in turn), so that connection setup, TLS handshakes included, is
 * spread over several event loops; each connection stays on the loop that accepted it. Its
 * connection table and receive queue are safe across those loops.
 */
final class VertxTcpServerTransport implements CoapTcpTransport {

    private final Vertx vertx;
    private final NetServerOptions options;
    private final int maxFrameBytes;
    private final int instances;
    private final List<NetServer> servers = new ArrayList<>();
    private final Map<InetSocketAddress, NetSocket> connections = new ConcurrentHashMap<>();
    private final ArrayDeque<CoapPacket> received = new ArrayDeque<>();
    private CompletableFuture<CoapPacket> waiting;
    private CoapTcpListener listener;
    private volatile boolean blackhole;

    /**
     * @param options   where to listen; with several instances a port of 0 must be given as a
     *                  negative number, which Vert.x reads as "a free port shared by the servers
     *                  that listen on this same negative number"
     * @param instances how many NetServers share the port, each on an event-loop context of its own
     */
    VertxTcpServerTransport(Vertx vertx, NetServerOptions options, int maxFrameBytes, int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("a TCP endpoint needs at least one server instance, not " + instances);
        }
        if (instances > 1 && options.getPort() == 0) {
            throw new IllegalArgumentException("port 0 is not shared between server instances: give a negative port");
        }
        this.vertx = vertx;
        this.options = options;
        this.maxFrameBytes = maxFrameBytes;
        this.instances = instances;
    }

    @Override
    public void setListener(CoapTcpListener listener) {
        this.listener = listener;
    }

    /** Binds the servers; blocks the calling thread (never an event loop) until they listen. */
    @Override
    public void start() {
        for (int i = 0; i < instances; i++) {
            NetServer server = listenOnALoopOfItsOwn().await();
            synchronized (servers) {
                servers.add(server);
            }
        }
    }

    private Future<NetServer> listenOnALoopOfItsOwn() {
        ContextInternal context = ((VertxInternal) vertx).createEventLoopContext();
        Promise<NetServer> listening = context.promise();
        context.runOnContext(v -> vertx.createNetServer(options).connectHandler(this::accept).listen()
                .onComplete(listening));
        return listening.future();
    }

    private void accept(NetSocket socket) {
        InetSocketAddress peer = address(socket.remoteAddress());
        connections.put(peer, socket);
        Buffer[] pending = {Buffer.buffer()};
        socket.handler(bytes -> pending[0] = parse(peer, socket, pending[0].appendBuffer(bytes)));
        socket.closeHandler(v -> {
            if (connections.remove(peer, socket) && listener != null) {
                listener.onDisconnected(peer);
            }
        });
        socket.exceptionHandler(t -> { });
        if (listener != null) {
            listener.onConnected(peer);
        }
    }

    /** Hands every whole packet in {@code bytes} on; returns the bytes of an incomplete one. */
    private Buffer parse(InetSocketAddress peer, NetSocket socket, Buffer bytes) {
        Buffer rest = bytes;
        try {
            while (rest.length() > 0) {
                ByteArrayInputStream in = new ByteArrayInputStream(rest.getBytes());
                Optional<CoapPacket> packet = CoapTcpPacketSerializer.deserializeIfEnoughData(peer, in);
                if (packet.isEmpty()) {
                    break;
                }
                rest = rest.getBuffer(rest.length() - in.available(), rest.length());
                if (!blackhole) {
                    deliver(packet.get());
                }
            }
        } catch (Exception e) {
            socket.close();
            return Buffer.buffer();
        }
        if (rest.length() > maxFrameBytes) {
            socket.close();
            return Buffer.buffer();
        }
        return rest;
    }

    private void deliver(CoapPacket packet) {
        CompletableFuture<CoapPacket> taker;
        synchronized (this) {
            if (waiting == null || waiting.isDone()) {
                received.add(packet);
                return;
            }
            taker = waiting;
            waiting = null;
        }
        taker.complete(packet);
    }

    @Override
    public synchronized CompletableFuture<CoapPacket> receive() {
        CoapPacket next = received.poll();
        if (next != null) {
            return CompletableFuture.completedFuture(next);
        }
        waiting = new CompletableFuture<>();
        return waiting;
    }

    @Override
    public CompletableFuture<Boolean> sendPacket(CoapPacket packet) {
        NetSocket socket = connections.get(packet.getRemoteAddress());
        if (socket == null || blackhole) {
            return CompletableFuture.failedFuture(new IllegalStateException("no connection to " + packet.getRemoteAddress()));
        }
        try {
            Buffer frame = Buffer.buffer(CoapTcpPacketSerializer.serialize(packet));
            return socket.write(frame).map(true).toCompletionStage().toCompletableFuture();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Writes raw bytes to a peer, bypassing java-coap (fault injection in tests). */
    void sendRaw(InetSocketAddress peer, Buffer bytes) {
        NetSocket socket = connections.get(peer);
        if (socket != null) {
            socket.write(bytes);
        }
    }

    /** Whether the peer has an open connection to this endpoint. */
    boolean isConnected(InetSocketAddress peer) {
        return connections.containsKey(peer);
    }

    /** Closes the connection of a peer, as a server or a middlebox dropping it would. */
    boolean disconnect(InetSocketAddress peer) {
        NetSocket socket = connections.get(peer);
        if (socket != null) {
            socket.close();
        }
        return socket != null;
    }

    /** Connections open now, stale ones (whose device went away unheard) included. */
    int openConnections() {
        return connections.size();
    }

    /** While on, everything the peers send is dropped unanswered (a dead path). */
    void blackhole(boolean on) {
        blackhole = on;
    }

    @Override
    public InetSocketAddress getLocalSocketAddress() {
        synchronized (servers) {
            return new InetSocketAddress(options.getHost(), servers.get(0).actualPort());
        }
    }

    @Override
    public void stop() {
        synchronized (servers) {
            servers.forEach(NetServer::close);
        }
        // the connections go with the server, as when a server process ends
        connections.values().forEach(NetSocket::close);
        CompletableFuture<CoapPacket> taker;
        synchronized (this) {
            taker = waiting;
            waiting = null;
        }
        if (taker != null) {
            taker.cancel(false);
        }
    }

    private static InetSocketAddress address(SocketAddress address) {
        try {
            return new InetSocketAddress(InetAddress.getByName(address.hostAddress()), address.port());
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved(address.hostAddress(), address.port());
        }
    }
}
