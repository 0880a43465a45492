package io.fleetsim.server;

import java.util.concurrent.Executor;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * Leshan's {@code /rd} resource behind a {@link RegistrationGate}: a Register ({@code POST /rd?ep=..})
 * of a blocked endpoint is answered with the limit's refusal code or dropped; everything else,
 * and every Register the gate accepts, goes to Leshan's resource unchanged. Serves {@code /rd/<id>}
 * too (Updates and De-registers), as Leshan's resource does.
 */
final class GatedRegistrationResource extends CoapResource {

    private static final String ENDPOINT_QUERY = "ep=";

    private final Resource leshan;
    private final RegistrationGate gate;
    private final CoAP.ResponseCode refusal;

    GatedRegistrationResource(Resource leshan, RegistrationGate gate) {
        super(leshan.getName());
        this.leshan = leshan;
        this.gate = gate;
        this.refusal = CoAP.ResponseCode.valueOf(
                gate.limit().refuseCodeClass() << 5 | gate.limit().refuseCodeDetail());
        setVisible(leshan.isVisible());
    }

    @Override
    public void handleRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        if (request.getCode() == CoAP.Code.POST && request.getOptions().getUriPath().size() == 1) {
            switch (gate.register(endpointName(request))) {
                case REFUSE -> {
                    exchange.sendResponse(new Response(refusal));
                    return;
                }
                case SILENCE -> {
                    return; // no answer: the device's retransmissions find none either
                }
                case ACCEPT -> {
                    // Leshan registers it
                }
            }
        }
        leshan.handleRequest(exchange);
    }

    @Override
    public Resource getChild(String name) {
        return this;
    }

    @Override
    public Executor getExecutor() {
        return leshan.getExecutor();
    }

    private static String endpointName(Request request) {
        for (String query : request.getOptions().getUriQueryStrings()) {
            if (query.startsWith(ENDPOINT_QUERY)) {
                return query.substring(ENDPOINT_QUERY.length());
            }
        }
        return null;
    }
}
