package io.fleetsim.transport.dtls;

import java.util.Locale;

import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.eclipse.californium.scandium.dtls.HandshakeException;

/**
 * The name a failed DTLS handshake is counted under: {@code issuer-mismatch},
 * {@code timeout:flight-<n>} (no answer to the device's flight n after all retransmissions;
 * {@code timeout:flight-5} means the server got the device's Finished and dropped it, which is
 * what a server does with a wrong PSK), {@code alert-received:<description>} (the server refused),
 * {@code alert-sent:<description>} (the device refused the server) or {@code error}.
 */
public final class HandshakeFailureCause {

    static final String ISSUER_MISMATCH = "issuer-mismatch";
    static final String TIMEOUT = "timeout";

    private HandshakeFailureCause() {
    }

    public static String of(Throwable error) {
        if (error instanceof IssuerCheckingVerifier.IssuerMismatchException) {
            return ISSUER_MISMATCH;
        }
        if (error instanceof DtlsHandshakeTimeoutException timeout) {
            return TIMEOUT + ":flight-" + timeout.getFlightNumber();
        }
        if (error instanceof HandshakeException handshake && handshake.getAlert() != null) {
            String description = handshake.getAlert().getDescription().name().toLowerCase(Locale.ROOT);
            boolean received = String.valueOf(handshake.getMessage()).startsWith("Received");
            return (received ? "alert-received:" : "alert-sent:") + description;
        }
        return "error";
    }
}
