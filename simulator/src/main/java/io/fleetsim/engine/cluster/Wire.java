package io.fleetsim.engine.cluster;

import java.util.ArrayList;
import java.util.List;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.metrics.GroupFigures;
import io.fleetsim.scenario.Transport;
import io.fleetsim.transport.TransportEndpoints;
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

    static JsonObject target(RunTarget target) {
        JsonObject endpoints = new JsonObject();
        target.endpoints().addresses().forEach((transport, hostPort) ->
                endpoints.put(transport.name(), new JsonObject().put("host", hostPort.host()).put("port", hostPort.port())));
        return new JsonObject().put("host", target.host()).put("port", target.port()).put("endpoints", endpoints);
    }

    /** The coordinator's server, as an agent reaches it; an agent closes nothing of it. */
    static RunTarget target(JsonObject json) {
        TransportEndpoints endpoints = TransportEndpoints.NONE;
        JsonObject e = json.getJsonObject("endpoints", new JsonObject());
        for (String transport : e.fieldNames()) {
            JsonObject hostPort = e.getJsonObject(transport);
            endpoints = endpoints.with(Transport.valueOf(transport), hostPort.getString("host"), hostPort.getInteger("port"));
        }
        return new RunTarget(json.getString("host"), json.getInteger("port"), false, () -> { }, endpoints);
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
