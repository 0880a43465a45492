package io.fleetsim.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.leshan.core.request.ContentFormat;

import com.mbed.coap.packet.CoapResponse;
import com.mbed.coap.packet.Code;

import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.server.tcp.TcpRegistration;

/** The embedded java-coap server (CoAP over TCP and over TLS) as a {@link Lwm2mTestServer}. */
final class StreamTestServer implements Lwm2mTestServer {

    private final EmbeddedTcpLwm2mServer server;
    private final Transport transport;
    private final FleetPki pki;

    /** Starts tcp and tls endpoints; devices of the run use the one of {@code transport}. */
    StreamTestServer(Transport transport, FleetPki pki) {
        this.server = StreamTransports.start(pki);
        this.transport = transport;
        this.pki = pki;
    }

    @Override
    public RunTarget target() {
        return StreamTransports.target(server, transport, pki);
    }

    @Override
    public Optional<Registered> registration(String endpoint) {
        return server.registration(endpoint).map(StreamTestServer::registered);
    }

    private static Registered registered(TcpRegistration r) {
        return new Registered(r.endpoint(), r.lifetimeSeconds(), r.objectLinks(), r.peer(), r.updatedAt());
    }

    @Override
    public int registrationCount() {
        return server.registrationCount();
    }

    @Override
    public ReadOutcome read(String endpoint, String path, ContentFormat format, Duration timeout) throws Exception {
        CoapResponse read = server.read(endpoint, path, format.getCode(), timeout).get();
        return new ReadOutcome(read.getCode() == Code.C205_CONTENT,
                new String(read.getPayload().getBytes(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
