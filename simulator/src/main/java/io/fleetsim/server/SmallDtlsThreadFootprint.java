package io.fleetsim.server;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Keeps the embedded server's DTLS connector to one receiver thread and one worker per core
 * (handshakes are the server's CPU work), and offers Connection IDs (RFC 9146) to devices that ask.
 */
public final class SmallDtlsThreadFootprint {

    /** Length of the Connection ID the server hands out to devices that support the extension. */
    static final int CONNECTION_ID_LENGTH = 6;

    private SmallDtlsThreadFootprint() {
    }

    public static void applyTo(Configuration configuration) {
        configuration.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        configuration.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, Math.max(1, Runtime.getRuntime().availableProcessors()));
        configuration.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, CONNECTION_ID_LENGTH);
        configuration.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 200_000);
    }
}
