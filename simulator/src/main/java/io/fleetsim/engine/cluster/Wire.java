package io.fleetsim.engine.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetsim.engine.EmbeddedServers;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.metrics.GroupFigures;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The event bus addresses of a fleetsim cluster and the bodies sent over them (JSON). */
final class Wire {

    /** Agents without work ask here, every second, for a coordinator to take them. */
    static final String HELLO = "fleetsim.cluster.hello";
    /** Agents send their figures here every reporting period. */
    static final String FIGURES = "fleetsim.cluster.figures";
    /** An agent's own address: {@code fleetsim.cluster.agent.<node id>}. */
    static final String AGENT_PREFIX = "fleetsim.cluster.agent.";

    static final String OP = "op";
    static final String PING = "ping";
    static final String WORK = "work";
    static final String TALLY = "tally";
    static final String STOP = "stop";
    static final String ABANDON = "abandon";
    static final String RELEASE = "release";

    private Wire() {
    }

    /**
     * The run's server as agents reach it: its address, its per-transport endpoints, its CoAPS
     * endpoint and the PKI DTLS and TLS devices take their keys and trust from (the CA's key
     * included, so that an agent signs its own devices' certificates; PSK keys travel in the scenario).
     */
    static JsonObject target(RunTarget target) {
        JsonObject endpoints = new JsonObject();
        target.endpoints().addresses().forEach((transport, hostPort) ->
                endpoints.put(transport.name(), new JsonObject().put("host", hostPort.host()).put("port", hostPort.port())));
        JsonObject json = new JsonObject().put("host", target.host()).put("port", target.port()).put("endpoints", endpoints);
        List<FleetPki> pkis = new ArrayList<>();
        if (target.dtls() != null) {
            json.put("dtls", new JsonObject().put("host", target.dtls().host()).put("port", target.dtls().port())
                    .put("pki", pkiIndex(pkis, target.dtls().pki())));
        }
        json.put("endpointsPki", pkiIndex(pkis, target.endpoints().pki()));
        json.put("bootstrap", EmbeddedServers.bootstrapUri(target).orElse(null))
                .put("bootstrapSecure", EmbeddedServers.bootstrapSecureUri(target).orElse(null));
        JsonArray pkiJson = new JsonArray();
        pkis.forEach(pki -> pkiJson.add(new JsonObject(new HashMap<String, Object>(pki.pemFiles()))));
        return json.put("pkis", pkiJson);
    }

    private static Integer pkiIndex(List<FleetPki> pkis, FleetPki pki) {
        if (pki == null) {
            return null;
        }
        for (int i = 0; i < pkis.size(); i++) {
            if (pkis.get(i) == pki) {
                return i;
            }
        }
        pkis.add(pki);
        return pkis.size() - 1;
    }

    /** The coordinator's server, as an agent reaches it; an agent closes nothing of it. */
    static RunTarget target(JsonObject json) {
        List<FleetPki> pkis = new ArrayList<>();
        JsonArray pkiJson = json.getJsonArray("pkis", new JsonArray());
        for (int i = 0; i < pkiJson.size(); i++) {
            Map<String, String> files = new HashMap<>();
            pkiJson.getJsonObject(i).forEach(e -> files.put(e.getKey(), String.valueOf(e.getValue())));
            try {
                pkis.add(FleetPki.fromPem(files, "the coordinator's PKI"));
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        TransportEndpoints endpoints = TransportEndpoints.NONE;
        JsonObject e = json.getJsonObject("endpoints", new JsonObject());
        for (String transport : e.fieldNames()) {
            JsonObject hostPort = e.getJsonObject(transport);
            endpoints = endpoints.with(Transport.valueOf(transport), hostPort.getString("host"), hostPort.getInteger("port"));
        }
        Integer endpointsPki = json.getInteger("endpointsPki");
        if (endpointsPki != null) {
            endpoints = endpoints.withPki(pkis.get(endpointsPki));
        }
        DtlsTarget dtls = null;
        JsonObject d = json.getJsonObject("dtls");
        if (d != null) {
            Integer dtlsPki = d.getInteger("pki");
            dtls = new DtlsTarget(d.getString("host"), d.getInteger("port"), dtlsPki == null ? null : pkis.get(dtlsPki));
        }
        String bootstrap = json.getString("bootstrap");
        String bootstrapSecure = json.getString("bootstrapSecure");
        AutoCloseable nothing = bootstrap != null || bootstrapSecure != null
                ? new EmbeddedServers.RemoteBootstrap(bootstrap, bootstrapSecure) : () -> { };
        return new RunTarget(json.getString("host"), json.getInteger("port"), false, nothing, dtls, endpoints);
    }

    static JsonArray groups(List<GroupFigures> groups) {
        JsonArray out = new JsonArray();
        for (GroupFigures g : groups) {
            out.add(new JsonObject().put("group", g.group()).put("transport", g.transport()).put("planned", g.planned())
                    .put("started", g.started()).put("registered", g.registered())
                    .put("registeredAtEnd", g.registeredAtEnd()).put("registrationFailures", g.registrationFailures())
                    .put("reconnects", g.reconnects()).put("observedMillis", g.observedMillis())
                    .put("reachableMillis", g.reachableMillis()).put("registrationGaveUp", g.registrationGaveUp()));
        }
        return out;
    }

    static List<GroupFigures> groups(JsonArray json) {
        List<GroupFigures> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonObject g = json.getJsonObject(i);
            out.add(new GroupFigures(g.getString("group"), g.getString("transport"), g.getLong("planned"),
                    g.getLong("started"), g.getLong("registered"), g.getLong("registeredAtEnd"),
                    g.getLong("registrationFailures"), g.getLong("reconnects"), g.getLong("observedMillis"),
                    g.getLong("reachableMillis"), g.getLong("registrationGaveUp", 0L)));
        }
        return out;
    }
}
