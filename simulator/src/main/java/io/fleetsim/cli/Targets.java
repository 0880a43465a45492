package io.fleetsim.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.transport.TransportEndpoints;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The server of a run: the scenario's {@code target}, or embedded servers on loopback, one
 * endpoint per transport the groups use (Leshan or the minimal responder for udp, java-coap for
 * tcp and tls).
 */
final class Targets {

    static final int DEFAULT_COAP_PORT = 5683;

    private Targets() {
    }

    /** Which embedded server to start when the scenario names no target. */
    enum Embedded { LESHAN, MINIMAL }

    static RunTarget start(Scenario scenario, Embedded embedded) {
        if (scenario.target() != null) {
            return external(scenario.target());
        }
        Set<Transport> used = EnumSet.noneOf(Transport.class);
        scenario.groups().stream().map(DeviceGroup::transport).forEach(used::add);
        Set<Transport> streams = EnumSet.copyOf(used);
        streams.retainAll(EnumSet.of(Transport.TCP, Transport.TLS));
        List<AutoCloseable> closers = new ArrayList<>();
        TransportEndpoints endpoints = TransportEndpoints.NONE;
        String host = "127.0.0.1";
        int port = -1;
        if (used.contains(Transport.UDP) || streams.isEmpty()) {
            RunTarget udp = embedded == Embedded.MINIMAL ? startMinimalResponder() : startLeshan();
            closers.add(udp.closer());
            endpoints = endpoints.with(Transport.UDP, udp.host(), udp.port());
            port = udp.port();
        }
        if (!streams.isEmpty()) {
            FleetPki pki = streams.contains(Transport.TLS) ? newPki() : null;
            EmbeddedTcpLwm2mServer tcp = EmbeddedTcpLwm2mServer.start(streams, pki);
            closers.add(tcp);
            endpoints = endpoints.withPki(pki);
            for (Transport transport : streams) {
                endpoints = endpoints.with(transport, host, tcp.address(transport).getPort());
            }
        }
        Transport first = scenario.groups().get(0).transport();
        port = endpoints.of(first).map(TransportEndpoints.HostPort::port).orElse(port);
        return new RunTarget(host, port, true, () -> closeAll(closers), endpoints);
    }

    private static RunTarget external(String target) {
        URI uri = URI.create(target);
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_COAP_PORT;
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        Transport transport = TargetUri.transportOf(uri.getScheme());
        return new RunTarget(host, port, false, () -> { }, TransportEndpoints.NONE.with(transport, host, port));
    }

    private static RunTarget startLeshan() {
        EmbeddedLwm2mServer server = EmbeddedLwm2mServer.start();
        return new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true, server::close);
    }

    private static FleetPki newPki() {
        try {
            return FleetPki.create("fleetsim run CA");
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the run's certificates: " + e.getMessage(), e);
        }
    }

    private static void closeAll(List<AutoCloseable> closers) throws Exception {
        Exception first = null;
        for (AutoCloseable closer : closers) {
            try {
                closer.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The minimal registration responder on a Vert.x instance of its own (one event loop). */
    private static RunTarget startMinimalResponder() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(vertx).await();
        return new RunTarget("127.0.0.1", responder.port(), true, () -> {
            responder.close().await();
            vertx.close().await();
        });
    }
}
