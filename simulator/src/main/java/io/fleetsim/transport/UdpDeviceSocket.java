package io.fleetsim.transport;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One device's UDP socket: its own source port, on the event loop of the context that opened it.
 * Datagrams from any address other than the target are dropped.
 */
public final class UdpDeviceSocket {

    private final Vertx vertx;
    private final String targetHost;
    private final int targetPort;
    private DatagramSocket socket;
    private Consumer<Throwable> sendFailureHandler = t -> { };

    public UdpDeviceSocket(Vertx vertx, String targetHost, int targetPort) {
        this.vertx = vertx;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Binds a fresh socket on {@code bindHost} with a port the system picks. */
    public Future<Void> open(String bindHost, Consumer<byte[]> receiver) {
        return open(bindHost, 0, (sender, data) -> {
            if (sender.port() == targetPort) {
                receiver.accept(data);
            }
        });
    }

    /**
     * Binds a fresh socket on {@code bindHost} and {@code port} (0: the system picks); every
     * datagram goes to {@code receiver} with its sender, whoever sent it.
     */
    public Future<Void> open(String bindHost, int port, BiConsumer<SocketAddress, byte[]> receiver) {
        DatagramSocket created = vertx.createDatagramSocket(new DatagramSocketOptions());
        created.handler(packet -> receiver.accept(packet.sender(), packet.data().getBytes()));
        return created.listen(port, bindHost).map(s -> {
            socket = s;
            return null;
        });
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
        return closing == null ? Future.succeededFuture() : closing.close();
    }
}
