package io.fleetsim.preflight;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.fleetsim.base.FleetVertx;

/**
 * One target of {@code fleetsim preflight}: a {@code coap://}, {@code coaps://},
 * {@code coap+tcp://}, {@code coaps+tcp://} or {@code https://} URI, with the scheme's default
 * port (5683, 5684, 5683, 5684, 443) when it names none.
 */
public record PreflightTarget(String uri, Scheme scheme, String host, int port) {

    /** The schemes preflight knows, with their default ports and what they run over. */
    public enum Scheme {
        COAP("coap", 5683, false, false),
        COAPS("coaps", 5684, false, true),
        COAP_TCP("coap+tcp", 5683, true, false),
        COAPS_TCP("coaps+tcp", 5684, true, true),
        HTTPS("https", 443, true, true);

        private final String text;
        private final int defaultPort;
        private final boolean stream;
        private final boolean secure;

        Scheme(String text, int defaultPort, boolean stream, boolean secure) {
            this.text = text;
            this.defaultPort = defaultPort;
            this.stream = stream;
            this.secure = secure;
        }

        public String text() {
            return text;
        }

        public int defaultPort() {
            return defaultPort;
        }

        /** TCP (true) or UDP (false). */
        public boolean stream() {
            return stream;
        }

        /** TLS or DTLS. */
        public boolean secure() {
            return secure;
        }

        static Scheme of(String text) {
            for (Scheme scheme : values()) {
                if (scheme.text.equals(text)) {
                    return scheme;
                }
            }
            return null;
        }
    }

    /** Whether the host is an IP literal, so no DNS lookup is needed. */
    public boolean literal() {
        return FleetVertx.isLiteral(host);
    }

    /**
     * Parses a target URI.
     *
     * @throws IllegalArgumentException naming the URI and what is wrong with it
     */
    public static PreflightTarget parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target '" + text + "' is not a URI: " + e.getReason());
        }
        String schemeText = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (schemeText == null) {
            throw new IllegalArgumentException("target '" + text + "' has no scheme; use " + schemes()
                    + ", e.g. coaps://host:5684");
        }
        Scheme scheme = Scheme.of(schemeText);
        if (scheme == null) {
            throw new IllegalArgumentException("target '" + text + "': unknown scheme '" + schemeText + "'; use "
                    + schemes());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("target '" + text + "' names no host, e.g. " + scheme.text
                    + "://host:" + scheme.defaultPort);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? scheme.defaultPort : uri.getPort();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException("target '" + text + "': port " + port + " is not between 1 and 65535");
        }
        return new PreflightTarget(text.trim(), scheme, host, port);
    }

    private static String schemes() {
        return "coap://, coaps://, coap+tcp://, coaps+tcp:// or https://";
    }
}
