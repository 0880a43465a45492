package io.fleetsim.server;

import java.util.List;

/**
 * The LwM2M registration interface, reduced to what a load test needs: {@code POST /rd?ep=}
 * registers (2.01 Created, Location-Path {@code rd/<id>}), {@code POST /rd/<id>} updates
 * (2.04 Changed), {@code DELETE /rd/<id>} deregisters (2.02 Deleted), {@code POST /dp} (an LwM2M
 * Send, Core §6.4.6) is taken with 2.04 Changed and its values dropped; unknown ids and
 * anything else get 4.04. Gives the response code and Location-Path; the caller writes the
 * response. Thread-safe when its directory and counters are: the responder shares one handler
 * across its sockets.
 */
final class RegistrationRequestHandler {

    static final int POST = 2;
    static final int DELETE = 4;
    static final int CREATED = 2 << 5 | 1;
    static final int DELETED = 2 << 5 | 2;
    static final int CHANGED = 2 << 5 | 4;
    static final int BAD_REQUEST = 4 << 5;
    static final int NOT_FOUND = 4 << 5 | 4;

    private static final String REGISTRATION_PATH = "rd";
    private static final String ENDPOINT_QUERY = "ep=";
    private static final String SEND_PATH = "dp";

    /** A response code and the Location-Path segments to send with it. */
    record Answer(int code, List<String> locationPath) {

        static Answer of(int code) {
            return new Answer(code, List.of());
        }
    }

    private final RegistrationDirectory directory;
    private final ResponderCounters counters;

    RegistrationRequestHandler(RegistrationDirectory directory, ResponderCounters counters) {
        this.directory = directory;
        this.counters = counters;
    }

    /** Answers a request with {@code code} (1 GET, 2 POST, 3 PUT, 4 DELETE), Uri-Path and Uri-Query. */
    Answer handle(int code, List<String> path, List<String> queries) {
        if (code == POST && path.size() == 1 && SEND_PATH.equals(path.get(0))) {
            return Answer.of(CHANGED);
        }
        if (path.isEmpty() || !REGISTRATION_PATH.equals(path.get(0)) || path.size() > 2) {
            return notFound();
        }
        if (path.size() == 1) {
            return code == POST ? register(queries) : notFound();
        }
        String id = path.get(1);
        if (code == POST) {
            return update(id);
        }
        return code == DELETE ? deregister(id) : notFound();
    }

    private Answer register(List<String> queries) {
        String endpoint = endpointName(queries);
        if (endpoint == null || endpoint.isEmpty()) {
            return Answer.of(BAD_REQUEST);
        }
        String id = directory.register(endpoint);
        counters.countRegistration();
        return new Answer(CREATED, List.of(REGISTRATION_PATH, id));
    }

    private Answer update(String id) {
        if (!directory.contains(id)) {
            return notFound();
        }
        counters.countUpdate();
        return Answer.of(CHANGED);
    }

    private Answer deregister(String id) {
        if (!directory.remove(id)) {
            return notFound();
        }
        counters.countDeregistration();
        return Answer.of(DELETED);
    }

    private Answer notFound() {
        counters.countNotFound();
        return Answer.of(NOT_FOUND);
    }

    private static String endpointName(List<String> queries) {
        for (String query : queries) {
            if (query.startsWith(ENDPOINT_QUERY)) {
                return query.substring(ENDPOINT_QUERY.length());
            }
        }
        return null;
    }
}
