package io.fleetsim.preflight;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;

import io.fleetsim.transport.DnsLookup;

/**
 * The CoAP ping over UDP (RFC 7252 section 4.3): an empty Confirmable message, which a CoAP
 * endpoint answers with a Reset of the same message ID. Retransmitted as RFC 7252 says: the first
 * wait, doubling, {@link PreflightOptions#PING_TRIES} tries. Blocking; runs on the caller's thread.
 */
final class CoapPing {

    private static final int TYPE_CON = 0;
    private static final int TYPE_ACK = 2;
    private static final int TYPE_RST = 3;

    private CoapPing() {
    }

    /** The four bytes of an empty CON with {@code messageId}. */
    static byte[] emptyCon(int messageId) {
        return new byte[] { (byte) (1 << 6 | TYPE_CON << 4), 0, (byte) (messageId >>> 8), (byte) messageId };
    }

    /** Whether {@code bytes} are the Reset (or, leniently, empty ACK) answering the ping {@code messageId}. */
    static boolean answers(byte[] bytes, int length, int messageId) {
        if (length < 4 || (bytes[0] & 0xC0) != 0x40 || bytes[1] != 0) {
            return false;
        }
        int type = (bytes[0] >>> 4) & 0x3;
        int id = (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
        return id == messageId && (type == TYPE_RST || type == TYPE_ACK);
    }

    static Check udp(InetSocketAddress target, PreflightOptions options) {
        int messageId = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] ping = emptyCon(messageId);
        long wait = options.firstTimeoutMillis();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(
                DnsLookup.localAddressToward(target.getAddress()), 0))) {
            socket.connect(target);
            byte[] in = new byte[1500];
            for (int attempt = 1; attempt <= PreflightOptions.PING_TRIES; attempt++, wait *= 2) {
                long sent = System.nanoTime();
                socket.send(new DatagramPacket(ping, ping.length));
                long deadline = sent + wait * 1_000_000L;
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.max(1, left));
                    DatagramPacket packet = new DatagramPacket(in, in.length);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    if (answers(in, packet.getLength(), messageId)) {
                        double millis = (System.nanoTime() - sent) / 1e6;
                        return Check.pass("coap-ping", String.format("answered in %.1f ms (try %d of %d)", millis,
                                attempt, PreflightOptions.PING_TRIES), millis);
                    }
                }
            }
            long total = options.firstTimeoutMillis() * ((1L << PreflightOptions.PING_TRIES) - 1);
            return Check.fail("coap-ping", "no answer to " + PreflightOptions.PING_TRIES + " tries in "
                    + seconds(total),
                    "nothing answers CoAP on UDP port " + target.getPort() + ": a firewall drops the datagrams"
                            + " (either way), or no CoAP server listens there",
                    "open UDP port " + target.getPort() + " outbound (and its replies) on every firewall between the"
                            + " devices and the service; if only TCP is allowed, use coap+tcp:// or coaps+tcp://");
        } catch (PortUnreachableException e) {
            return Check.fail("coap-ping", "port unreachable (ICMP)",
                    "the host is reachable but nothing listens on UDP port " + target.getPort(),
                    "check the port number in the URI");
        } catch (IOException e) {
            return Check.fail("coap-ping", "cannot send: " + e.getMessage(),
                    "this machine cannot send UDP to " + target, "check the network configuration of this machine");
        }
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }
}
