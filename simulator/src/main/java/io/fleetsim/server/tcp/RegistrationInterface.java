package io.fleetsim.server.tcp;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.mbed.coap.packet.CoapRequest;
import com.mbed.coap.packet.CoapResponse;
import com.mbed.coap.packet.Code;
import com.mbed.coap.packet.Method;
import com.mbed.coap.utils.Service;

import io.fleetsim.scenario.Transport;
import io.fleetsim.server.RegistrationGate;

/**
 * The LwM2M registration interface over java-coap: Register ({@code POST /rd?ep=..&lt=..}, 2.01
 * with Location-Path {@code /rd/<id>}), Update ({@code POST /rd/<id>}, 2.04), De-register
 * ({@code DELETE /rd/<id>}, 2.02), LwM2M Send ({@code POST /dp}, 2.04, values dropped), 4.04 for an unknown location, 4.00 for a Register without
 * an endpoint name. Behind a {@link RegistrationGate}, a blocked endpoint's Register gets the gate's
 * refusal code, or no answer.
 */
final class RegistrationInterface implements Service<CoapRequest, CoapResponse> {

    private final TcpRegistrationStore store;
    private final Transport transport;
    private final AtomicLong ids;
    private final RegistrationGate gate;

    RegistrationInterface(TcpRegistrationStore store, Transport transport, AtomicLong ids) {
        this(store, transport, ids, RegistrationGate.OPEN);
    }

    /** As the other constructor, with every Register passing {@code gate} first. */
    RegistrationInterface(TcpRegistrationStore store, Transport transport, AtomicLong ids, RegistrationGate gate) {
        this.store = store;
        this.transport = transport;
        this.ids = ids;
        this.gate = gate;
    }

    @Override
    public CompletableFuture<CoapResponse> apply(CoapRequest request) {
        String path = request.options().getUriPath();
        path = path == null ? "" : path;
        if (path.equals("/rd") && request.getMethod() == Method.POST) {
            Map<String, String> query = request.options().getUriQueryMap();
            switch (gate.register(query == null ? null : query.get("ep"))) {
                case REFUSE -> {
                    return done(CoapResponse.of(refusal()));
                }
                case SILENCE -> {
                    return new CompletableFuture<>(); // never answered: the device's response timeout decides
                }
                case ACCEPT -> {
                    return done(register(request));
                }
            }
        }
        if (path.equals("/dp") && request.getMethod() == Method.POST) {
            return done(CoapResponse.of(Code.C204_CHANGED));
        }
        if (path.startsWith("/rd/") && path.indexOf('/', 4) < 0) {
            String id = path.substring(4);
            if (request.getMethod() == Method.POST) {
                return done(update(id, request));
            }
            if (request.getMethod() == Method.DELETE) {
                return done(store.remove(id).isPresent() ? CoapResponse.of(Code.C202_DELETED) : notFound());
            }
            return done(CoapResponse.of(Code.C405_METHOD_NOT_ALLOWED));
        }
        return done(notFound());
    }

    private CoapResponse register(CoapRequest request) {
        Map<String, String> query = request.options().getUriQueryMap();
        String endpoint = query == null ? null : query.get("ep");
        if (endpoint == null || endpoint.isEmpty()) {
            return CoapResponse.of(Code.C400_BAD_REQUEST, "Register needs the ep parameter");
        }
        long lifetime = parseLifetime(query.get("lt"), 86_400L);
        String id = Long.toString(ids.incrementAndGet());
        Instant now = Instant.now();
        store.put(new TcpRegistration(id, endpoint, lifetime, request.getPayload().toUtf8String(), transport,
                request.getPeerAddress(), now, now));
        return CoapResponse.coapResponse(Code.C201_CREATED).locationPath("/rd/" + id).build();
    }

    private CoapResponse update(String id, CoapRequest request) {
        Map<String, String> query = request.options().getUriQueryMap();
        Long lifetime = query == null || query.get("lt") == null ? null : parseLifetime(query.get("lt"), null);
        return store.update(id, existing -> existing.updated(lifetime, request.getPeerAddress()))
                .map(updated -> CoapResponse.of(Code.C204_CHANGED))
                .orElseGet(RegistrationInterface::notFound);
    }

    private Code refusal() {
        Code code = Code.valueOf(gate.limit().refuseCodeClass(), gate.limit().refuseCodeDetail());
        return code != null ? code : Code.C403_FORBIDDEN; // java-coap has no 4.29; the scenario refuses it for tcp
    }

    private static Long parseLifetime(String text, Long otherwise) {
        try {
            return text == null ? otherwise : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static CoapResponse notFound() {
        return CoapResponse.of(Code.C404_NOT_FOUND);
    }

    private static CompletableFuture<CoapResponse> done(CoapResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
