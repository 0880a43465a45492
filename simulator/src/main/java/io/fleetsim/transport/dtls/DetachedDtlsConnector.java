package io.fleetsim.transport.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.BiConsumer;

import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.SessionListener;

/**
 * Scandium's DTLS connector with its threads and socket taken out. It is configured with no
 * receiver thread and given an {@link EventLoopExecutor}, so {@link #start()} spawns nothing;
 * datagrams come in through {@link #processDatagram(DatagramPacket)} from the device's Vert.x
 * socket handler, and go out through the {@code sender} instead of a {@code java.net} socket.
 * Every call happens on the device's event loop.
 */
public final class DetachedDtlsConnector extends DTLSConnector {

    /** The path MTU Scandium fragments its flights for (a conservative Ethernet/IPv4 value). */
    static final int MTU = 1400;

    private final BiConsumer<byte[], InetSocketAddress> sender;
    private volatile InetSocketAddress localAddress;

    public DetachedDtlsConnector(DtlsConnectorConfig config, BiConsumer<byte[], InetSocketAddress> sender,
            SessionListener listener) {
        super(config);
        this.sender = sender;
        addSessionListener(listener);
    }

    /** Starts on the address of the device's current Vert.x socket (again after the socket changed). */
    public void startOn(InetSocketAddress local) throws IOException {
        this.localAddress = local;
        start();
    }

    @Override
    protected void start(InetSocketAddress ignoredConfigAddress) throws IOException {
        if (isRunning()) {
            return;
        }
        init(localAddress, new DetachedDatagramSocket(localAddress), MTU);
    }

    @Override
    protected void sendNextDatagramOverNetwork(DatagramPacket datagram) {
        byte[] bytes = Arrays.copyOfRange(datagram.getData(), datagram.getOffset(),
                datagram.getOffset() + datagram.getLength());
        sender.accept(bytes, (InetSocketAddress) datagram.getSocketAddress());
    }
}
