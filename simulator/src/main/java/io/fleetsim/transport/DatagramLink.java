package io.fleetsim.transport;

import java.util.function.Consumer;

import io.fleetsim.metrics.RadioMeter;
import io.vertx.core.Future;

/**
 * The datagram path under a device's CoAP/UDP exchange layer: straight from the device's socket
 * ({@link #direct}), or through the emulated NAT. Used on the device's event loop only.
 */
public interface DatagramLink {

    /** Opens the path; datagrams from the server go to {@code receiver}. */
    Future<Void> open(Consumer<byte[]> receiver);

    /** Sends one datagram to the server (or drops it, as the path decides). */
    void send(byte[] datagram);

    /** Closes the path. Never fails. */
    Future<Void> close();

    boolean isOpen();

    /** The device's current local port, or -1 when it has no socket. */
    int localPort();

    /**
     * The device is about to register: datagrams go from now on to the server's address as it is
     * now (a followed host name may have a new one, see {@link HostAddress}).
     */
    default void retarget() {
    }

    /** The device's own socket, with nothing in between; every datagram either way turns {@code radio} on. */
    static DatagramLink direct(UdpDeviceSocket socket, String bindHost, RadioMeter radio) {
        return new DatagramLink() {
            @Override
            public Future<Void> open(Consumer<byte[]> receiver) {
                return socket.isOpen() ? Future.succeededFuture() : socket.open(bindHost, datagram -> {
                    radio.transmission();
                    receiver.accept(datagram);
                });
            }

            @Override
            public void send(byte[] datagram) {
                radio.transmission();
                socket.send(datagram);
            }

            @Override
            public Future<Void> close() {
                return socket.close();
            }

            @Override
            public boolean isOpen() {
                return socket.isOpen();
            }

            @Override
            public int localPort() {
                return socket.localPort();
            }

            @Override
            public void retarget() {
                socket.retarget();
            }
        };
    }
}
