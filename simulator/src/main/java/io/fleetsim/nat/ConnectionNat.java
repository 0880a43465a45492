package io.fleetsim.nat;

/**
 * What the emulated NAT does to one device's TCP or TLS connection, which is still the device's
 * one socket: the channel asks before each frame it writes and each chunk it reads, how long
 * each frame spends on the path, and, when the device gives the connection up, whether its close
 * could reach the server at all. Used on the device's event loop only.
 */
public interface ConnectionNat {

    /** What becomes of a frame the device writes. */
    enum Outbound {
        /** It goes out. */
        PASS,
        /** The mapping is gone and the NAT drops it silently: the device does not know. */
        DROP,
        /** The mapping is gone and the server answers with a reset: the connection dies now. */
        RESET
    }

    /** No NAT: everything passes. */
    ConnectionNat NONE = new ConnectionNat() {
        @Override
        public void connected(int localPort) {
        }

        @Override
        public Outbound outbound() {
            return Outbound.PASS;
        }

        @Override
        public boolean inbound() {
            return true;
        }

        @Override
        public boolean isBlackHole() {
            return false;
        }

        @Override
        public long uplinkMillis() {
            return 0;
        }

        @Override
        public long downlinkMillis() {
            return 0;
        }

        @Override
        public void closed() {
        }
    };

    /** A new connection from {@code localPort} is up: it gets a new mapping. */
    void connected(int localPort);

    /** The device writes a frame now. */
    Outbound outbound();

    /** Bytes from the server arrive now; false when the NAT drops them. */
    boolean inbound();

    /**
     * True while the connection's mapping is dead (expired or flushed, either {@code tcpExpiry}):
     * no segment of this connection passes the NAT any more, so neither the device's FIN or reset
     * reaches the server nor the server's FIN the device.
     */
    boolean isBlackHole();

    /**
     * Simulated ms the frame the device writes now spends on its way to the NAT: delay, jitter and
     * the retransmission timeouts of its lost copies (see {@link PathDelay}); 0 without.
     */
    long uplinkMillis();

    /** Simulated ms the frame that came from the server now spends on its way to the device; 0 without. */
    long downlinkMillis();

    /** The device's connection is gone (closed, aborted, or never made). */
    void closed();
}
