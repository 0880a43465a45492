package io.fleetsim.transport.dtls;

import java.util.Locale;

import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;

import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.eclipse.californium.scandium.dtls.HandshakeException;

/**
 * The cause a failed DTLS handshake is counted under: {@code issuer-mismatch},
 * {@code timeout:flight-<n>} (no answer to the device's flight n after all retransmissions;
 * {@code timeout:flight-5} means the server got the device's Finished and dropped it, which is
 * what a server does with a wrong PSK), {@code alert-received:<description>} (the server refused),
 * {@code alert-sent:<description>} (the device refused the server) or {@code error}.
 */
public final class HandshakeFailureCause {

    private HandshakeFailureCause() {
    }

    public static Cause of(Throwable error) {
        if (error instanceof IssuerCheckingVerifier.IssuerMismatchException) {
            return FailureCause.ISSUER_MISMATCH.cause();
        }
        if (error instanceof DtlsHandshakeTimeoutException timeout) {
            return Cause.flightTimeout(timeout.getFlightNumber());
        }
        if (error instanceof HandshakeException handshake && handshake.getAlert() != null) {
            String description = handshake.getAlert().getDescription().name().toLowerCase(Locale.ROOT);
            boolean received = String.valueOf(handshake.getMessage()).startsWith("Received");
            return (received ? FailureCause.ALERT_RECEIVED : FailureCause.ALERT_SENT).with(description);
        }
        return FailureCause.ERROR.cause();
    }
}
