package io.fleetsim.transport.dtls;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.DatagramSocketImpl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;

/**
 * A {@link DatagramSocket} that holds no operating-system socket: it only tells Scandium the
 * address of the device's Vert.x socket, which carries the datagrams. Scandium's connector wants
 * a socket object when it starts; this one costs no file descriptor and refuses to send or receive.
 */
final class DetachedDatagramSocket extends DatagramSocket {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InetSocketAddress local;
    private volatile boolean closed;

    DetachedDatagramSocket(InetSocketAddress local) {
        super(new NoSocket());
        this.local = local;
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public void bind(SocketAddress address) {
        // already "bound": the Vert.x socket is
    }

    @Override
    public InetAddress getLocalAddress() {
        return local.getAddress();
    }

    @Override
    public int getLocalPort() {
        return local.getPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return local;
    }

    @Override
    public int getReceiveBufferSize() {
        return BUFFER_BYTES;
    }

    @Override
    public int getSendBufferSize() {
        return BUFFER_BYTES;
    }

    @Override
    public void setReceiveBufferSize(int size) {
        // the Vert.x socket's options apply
    }

    @Override
    public void setSendBufferSize(int size) {
        // the Vert.x socket's options apply
    }

    @Override
    public void setReuseAddress(boolean on) {
        // not applicable
    }

    @Override
    public boolean getReuseAddress() {
        return false;
    }

    @Override
    public void setSoTimeout(int timeout) {
        // nobody blocks on this socket
    }

    @Override
    public void send(DatagramPacket packet) {
        throw new UnsupportedOperationException("datagrams leave through the device's Vert.x socket");
    }

    @Override
    public void receive(DatagramPacket packet) {
        throw new UnsupportedOperationException("datagrams arrive through the device's Vert.x socket");
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The implementation the superclass demands; never created, so it never opens a socket. */
    private static final class NoSocket extends DatagramSocketImpl {
        @Override
        protected void create() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void bind(int port, InetAddress address) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void send(DatagramPacket packet) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int peek(InetAddress address) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int peekData(DatagramPacket packet) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void receive(DatagramPacket packet) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected void setTTL(byte ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected byte getTTL() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void setTimeToLive(int ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int getTimeToLive() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void join(InetAddress address) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void leave(InetAddress address) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void joinGroup(SocketAddress address, NetworkInterface netIf) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void leaveGroup(SocketAddress address, NetworkInterface netIf) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void close() {
            // nothing was opened
        }

        @Override
        public void setOption(int optionId, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getOption(int optionId) {
            throw new UnsupportedOperationException();
        }
    }
}
