package io.fleetsim.transport;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.FailureCause;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One device's UDP socket: its own source port, on the event loop of the context that opened it.
 * Datagrams from any address other than the target are dropped. The target's address is taken
 * when the socket is made and again at {@link #retarget()} (before each Register): a followed
 * {@link HostAddress} that changed in between is picked up then, never in the middle of a
 * registration.
 */
public final class UdpDeviceSocket {

    private final Vertx vertx;
    private final HostAddress target;
    private final int targetPort;
    private String targetHost;
    private DatagramSocket socket;
    private Consumer<Throwable> sendFailureHandler = t -> { };

    /**
     * A socket that sends to {@code targetHost}, an IP literal ({@link FleetVertx#literal}): a
     * name would be looked up on the event loop at every send.
     */
    public UdpDeviceSocket(Vertx vertx, String targetHost, int targetPort) {
        this(vertx, HostAddress.literal(targetHost), targetPort);
    }

    /** A socket that sends to {@code target}'s address at the time it opens or is {@link #retarget retargeted}. */
    public UdpDeviceSocket(Vertx vertx, HostAddress target, int targetPort) {
        this.vertx = vertx;
        this.target = target;
        this.targetPort = targetPort;
        this.targetHost = target.current();
    }

    /** Takes the target's address anew (a followed name may have a new one); returns it. */
    public String retarget() {
        targetHost = target.current();
        return targetHost;
    }

    /** The IP literal datagrams go to now. */
    public String targetHost() {
        return targetHost;
    }

    /**
     * Binds a fresh socket on {@code bindHost} with a port the system picks. Fails with a
     * {@link CoapFailure} {@code socket-limit} when the process's {@link SocketBudget} is spent or
     * the system is out of file descriptors or ports; never throws.
     */
    public Future<Void> open(String bindHost, Consumer<byte[]> receiver) {
        return open(bindHost, 0, (sender, data) -> {
            if (sender.port() == targetPort) {
                receiver.accept(data);
            }
        });
    }

    /**
     * Binds a fresh socket on {@code bindHost} and {@code port} (0: the system picks); every
     * datagram goes to {@code receiver} with its sender, whoever sent it. Takes the socket from the
     * process's {@link SocketBudget} and fails like {@link #open(String, Consumer)}; a socket this
     * one still held is closed first, so a device never holds two.
     */
    public Future<Void> open(String bindHost, int port, BiConsumer<SocketAddress, byte[]> receiver) {
        SocketBudget budget = SocketBudget.process();
        if (!budget.tryAcquire()) {
            return Future.failedFuture(new CoapFailure(FailureCause.SOCKET_LIMIT, budget.exhaustedMessage()));
        }
        DatagramSocket created;
        try {
            created = vertx.createDatagramSocket(new DatagramSocketOptions());
        } catch (RuntimeException e) {
            budget.release();
            return Future.failedFuture(openFailure(e));
        }
        created.handler(packet -> receiver.accept(packet.sender(), packet.data().getBytes()));
        return created.listen(port, bindHost).<Void>map(s -> {
            if (socket != null) {
                close();
            }
            socket = s;
            return null;
        }).recover(t -> {
            budget.release();
            created.close();
            return Future.failedFuture(openFailure(t));
        });
    }

    private static CoapFailure openFailure(Throwable t) {
        return new CoapFailure(SocketBudget.isOutOfSockets(t) ? FailureCause.SOCKET_LIMIT : FailureCause.TRANSPORT,
                String.valueOf(t.getMessage()));
    }

    public void onSendFailure(Consumer<Throwable> handler) {
        this.sendFailureHandler = handler;
    }

    public void send(byte[] datagram) {
        if (socket == null) {
            sendFailureHandler.accept(new IllegalStateException("socket not open"));
            return;
        }
        socket.send(Buffer.buffer(datagram), targetPort, targetHost).onFailure(sendFailureHandler::accept);
    }

    public boolean isOpen() {
        return socket != null;
    }

    /** The local port, or -1 when closed. */
    public int localPort() {
        return socket == null ? -1 : socket.localAddress().port();
    }

    public Future<Void> close() {
        DatagramSocket closing = socket;
        socket = null;
        if (closing == null) {
            return Future.succeededFuture();
        }
        SocketBudget.process().release();
        return closing.close();
    }
}
