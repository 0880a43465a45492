package io.fleetsim.engine;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.leshan.core.request.ContentFormat;

/**
 * What a test needs of the LwM2M server its devices talk to, whichever transport they use: the
 * run target, the registrations, a Read of a device, closing. One implementation over the
 * embedded Leshan server (udp, dtls), one over the embedded java-coap server (tcp, tls).
 */
interface Lwm2mTestServer extends AutoCloseable {

    /** A device as the server sees it. */
    record Registered(String endpoint, long lifetimeSeconds, String objectLinks, InetSocketAddress address,
            Instant lastUpdate) {
    }

    /**
     * The answer to a server Read.
     *
     * @param content the values the device sent, as text
     */
    record ReadOutcome(boolean success, String content) {
    }

    /** Where the devices of the run go. */
    RunTarget target();

    Optional<Registered> registration(String endpoint);

    int registrationCount();

    /** Reads {@code path} from a registered device, asking for {@code format}; blocks up to {@code timeout}. */
    ReadOutcome read(String endpoint, String path, ContentFormat format, Duration timeout) throws Exception;

    @Override
    void close();
}
