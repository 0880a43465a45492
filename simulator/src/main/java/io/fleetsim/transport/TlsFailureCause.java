package io.fleetsim.transport;

import java.util.Locale;

import javax.net.ssl.SSLException;

import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * The cause a failed TLS handshake is counted under: {@code issuer-mismatch} (the server certificate
 * came from another issuer than {@code expectIssuer}), {@code untrusted-certificate} (no path to
 * a trusted CA), {@code hostname-mismatch}, {@code alert-received:<description>} (the server
 * refused), {@code timeout} or {@code error}. Null for a failure that is not a TLS handshake's
 * (the TCP connect itself, a spent socket budget).
 */
public final class TlsFailureCause {

    private TlsFailureCause() {
    }

    public static Cause of(Throwable failure) {
        if (failure instanceof CoapFailure coap) {
            return coap.cause().kind() == FailureCause.ISSUER_MISMATCH ? coap.cause() : null;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslHandshakeTimeoutException) {
                return FailureCause.TIMEOUT.cause();
            }
            if (t instanceof SSLException ssl) {
                return ofMessage(String.valueOf(ssl.getMessage()));
            }
        }
        return null;
    }

    private static Cause ofMessage(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        int alert = lower.indexOf("received fatal alert: ");
        if (alert >= 0) {
            return FailureCause.ALERT_RECEIVED.with(lower.substring(alert + "received fatal alert: ".length()).trim());
        }
        if (lower.contains("pkix path") || lower.contains("certification path")) {
            return FailureCause.UNTRUSTED_CERTIFICATE.cause();
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return FailureCause.HOSTNAME_MISMATCH.cause();
        }
        return FailureCause.ERROR.cause();
    }
}
