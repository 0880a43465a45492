package io.fleetsim.nat;

/**
 * What the emulated NAT does to one device's TCP or TLS connection, which is still the device's
 * one socket: the channel asks before each frame it writes and each chunk it reads. Used on the
 * device's event loop only.
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
        public void closed() {
        }
    };

    /** A new connection from {@code localPort} is up: it gets a new mapping. */
    void connected(int localPort);

    /** The device writes a frame now. */
    Outbound outbound();

    /** Bytes from the server arrive now; false when the NAT drops them. */
    boolean inbound();

    /** The device's connection is gone (closed, aborted, or never made). */
    void closed();
}
