package io.fleetsim.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.transport.dtls.SecureFleet;

/** The embedded Leshan server (CoAP and CoAPS endpoints) as a {@link Lwm2mTestServer}. */
final class LeshanTestServer implements Lwm2mTestServer {

    private final EmbeddedLwm2mServer leshan;
    private final FleetPki pki;

    /** Starts a server that knows the credentials of {@code scenario}'s devices. */
    LeshanTestServer(Scenario scenario, FleetPki pki) {
        this.leshan = SecureFleet.server(scenario, pki, pki);
        this.pki = pki;
    }

    @Override
    public RunTarget target() {
        return SecureFleet.target(leshan, pki);
    }

    @Override
    public Optional<Registered> registration(String endpoint) {
        return leshan.registration(endpoint).map(LeshanTestServer::registered);
    }

    private static Registered registered(Registration r) {
        String links = Arrays.stream(r.getObjectLinks()).map(Link::toCoreLinkFormat).collect(Collectors.joining(","));
        return new Registered(r.getEndpoint(), r.getLifeTimeInSec(), links, r.getSocketAddress(),
                r.getLastUpdate().toInstant());
    }

    @Override
    public int registrationCount() {
        return leshan.registrationCount();
    }

    @Override
    public ReadOutcome read(String endpoint, String path, ContentFormat format, Duration timeout) throws Exception {
        ReadResponse read = leshan.read(endpoint, path, format, timeout);
        if (!read.isSuccess() || !(read.getContent() instanceof LwM2mObjectInstance instance)) {
            return new ReadOutcome(false, read.toString());
        }
        return new ReadOutcome(true, instance.getResources().values().stream()
                .map(resource -> resource.getId() + "=" + (resource.isMultiInstances() ? resource.getInstances() : resource.getValue()))
                .collect(Collectors.joining(", ")));
    }

    @Override
    public void close() {
        leshan.close();
    }
}
