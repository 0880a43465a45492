package io.fleetsim.server;

import java.util.List;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.option.StringOption;

/**
 * The LwM2M registration interface, reduced to what a load test needs: {@code POST /rd?ep=}
 * registers (2.01 Created, Location-Path {@code rd/<id>}), {@code POST /rd/<id>} updates
 * (2.04 Changed), {@code DELETE /rd/<id>} deregisters (2.02 Deleted); unknown ids and
 * anything else get 4.04. Builds bare responses: the caller sets type, message ID and token.
 * Not thread-safe: used only on the responder's event loop.
 */
final class RegistrationRequestHandler {

    private static final String REGISTRATION_PATH = "rd";
    private static final String ENDPOINT_QUERY = "ep=";

    private final RegistrationDirectory directory;
    private final ResponderCounters counters;

    RegistrationRequestHandler(RegistrationDirectory directory, ResponderCounters counters) {
        this.directory = directory;
        this.counters = counters;
    }

    Response handle(Request request) {
        List<String> path = pathSegments(request);
        if (path.isEmpty() || !REGISTRATION_PATH.equals(path.get(0)) || path.size() > 2) {
            return notFound();
        }
        if (path.size() == 1) {
            return request.getCode() == Code.POST ? register(request) : notFound();
        }
        String id = path.get(1);
        if (request.getCode() == Code.POST) {
            return update(id);
        }
        return request.getCode() == Code.DELETE ? deregister(id) : notFound();
    }

    private Response register(Request request) {
        String endpoint = endpointName(request);
        if (endpoint == null || endpoint.isEmpty()) {
            return new Response(ResponseCode.BAD_REQUEST);
        }
        String id = directory.register(endpoint);
        counters.countRegistration();
        Response created = new Response(ResponseCode.CREATED);
        created.getOptions().addLocationPath(REGISTRATION_PATH).addLocationPath(id);
        return created;
    }

    private Response update(String id) {
        if (!directory.contains(id)) {
            return notFound();
        }
        counters.countUpdate();
        return new Response(ResponseCode.CHANGED);
    }

    private Response deregister(String id) {
        if (!directory.remove(id)) {
            return notFound();
        }
        counters.countDeregistration();
        return new Response(ResponseCode.DELETED);
    }

    private Response notFound() {
        counters.countNotFound();
        return new Response(ResponseCode.NOT_FOUND);
    }

    private static List<String> pathSegments(Request request) {
        return request.getOptions().getUriPath().stream().map(StringOption::getStringValue).toList();
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
