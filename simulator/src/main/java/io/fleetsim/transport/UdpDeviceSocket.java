package io.fleetsim.transport;

import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;

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
        DatagramSocket created = vertx.createDatagramSocket(new DatagramSocketOptions());
        created.handler(packet -> {
            if (packet.sender().port() == targetPort) {
                receiver.accept(packet.data().getBytes());
            }
        });
        return created.listen(0, bindHost).map(s -> {
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
