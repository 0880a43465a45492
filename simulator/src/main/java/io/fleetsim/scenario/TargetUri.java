package io.fleetsim.scenario;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks a target address {@code coap[s]://host[:port]} and writes it as {@code coap[s]://host:port}. */
final class TargetUri {

    static final int DEFAULT_COAP_PORT = 5683;
    static final int DEFAULT_COAPS_PORT = 5684;

    private TargetUri() {
    }

    /** The target with its port spelt out; throws {@link InvalidValueException} when it is not usable. */
    static String normalize(String text) {
        URI uri = parse(text);
        String scheme = uri.getScheme();
        if ("coap+tcp".equals(scheme) || "coaps+tcp".equals(scheme)) {
            throw invalid(text, "scheme '" + scheme + "' is not supported yet (supported: coap, coaps)");
        }
        if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
            throw invalid(text, "the scheme must be coap or coaps");
        }
        if (uri.getHost() == null) {
            throw invalid(text, "no valid host name or IP address");
        }
        if (uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(text, "only host and port may be given, no user, path, query or fragment");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "coaps".equals(scheme) ? DEFAULT_COAPS_PORT : DEFAULT_COAP_PORT;
        if (port < 1 || port > 65535) {
            throw invalid(text, "the port must be 1 .. 65535");
        }
        return scheme + "://" + uri.getHost() + ":" + port;
    }

    private static URI parse(String text) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.isOpaque()) {
                throw invalid(text, "expected the form coap://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(text, "expected the form coap://host:port");
        }
    }

    private static InvalidValueException invalid(String text, String why) {
        return new InvalidValueException("'" + text + "' is not a usable target: " + why);
    }
}
