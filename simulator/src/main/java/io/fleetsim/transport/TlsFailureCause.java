package io.fleetsim.transport;

import java.util.Locale;

import javax.net.ssl.SSLException;

import io.fleetsim.coap.CoapFailure;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * The name a failed TLS handshake is counted under: {@code issuer-mismatch} (the server certificate
 * came from another issuer than {@code expectIssuer}), {@code untrusted-certificate} (no path to
 * a trusted CA), {@code hostname-mismatch}, {@code alert-received:<description>} (the server
 * refused), {@code timeout} or {@code error}. Null for a failure that is not a TLS handshake's
 * (the TCP connect itself, a spent socket budget).
 */
public final class TlsFailureCause {

    private TlsFailureCause() {
    }

    public static String of(Throwable failure) {
        if (failure instanceof CoapFailure coap) {
            return TlsIssuerCheck.ISSUER_MISMATCH.equals(coap.cause()) ? TlsIssuerCheck.ISSUER_MISMATCH : null;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslHandshakeTimeoutException) {
                return "timeout";
            }
            if (t instanceof SSLException ssl) {
                return ofMessage(String.valueOf(ssl.getMessage()));
            }
        }
        return null;
    }

    private static String ofMessage(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        int alert = lower.indexOf("received fatal alert: ");
        if (alert >= 0) {
            return "alert-received:" + lower.substring(alert + "received fatal alert: ".length()).trim();
        }
        if (lower.contains("pkix path") || lower.contains("certification path")) {
            return "untrusted-certificate";
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return "hostname-mismatch";
        }
        return "error";
    }
}
