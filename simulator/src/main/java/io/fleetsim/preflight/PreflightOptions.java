package io.fleetsim.preflight;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.security.auth.x500.X500Principal;

/**
 * How {@code fleetsim preflight} checks its targets.
 *
 * @param expectIssuer   the issuer the server certificate should have, or null for no check
 * @param caCertificates certificates to verify the server chain against (empty: not verified)
 * @param dnsServer      the DNS server to ask, or null for the system's ({@code /etc/resolv.conf})
 * @param watchDnsMillis how long to watch a name for a fresh answer after its TTL (0: do not watch)
 * @param firstTimeoutMillis the first wait of the CoAP ping (RFC 7252 ACK_TIMEOUT); it doubles
 *                       over {@link #PING_TRIES} tries, and every other step waits as long as all
 *                       the tries together
 */
public record PreflightOptions(X500Principal expectIssuer, List<X509Certificate> caCertificates,
        InetSocketAddress dnsServer, long watchDnsMillis, long firstTimeoutMillis) {

    /** Tries of the CoAP ping over UDP (RFC 7252 MAX_RETRANSMIT 3, plus the first). */
    public static final int PING_TRIES = 4;
    /** RFC 7252 ACK_TIMEOUT. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 2000;

    public PreflightOptions {
        caCertificates = List.copyOf(caCertificates);
    }

    /** The wait of one step other than the UDP ping: as long as all the ping's tries. */
    long stepMillis() {
        return firstTimeoutMillis * ((1L << PING_TRIES) - 1);
    }
}
