package io.fleetsim.scenario;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks a target address {@code coap://host[:port]}, {@code coaps://host[:port]},
 * {@code coap+tcp://host[:port]} or {@code coaps+tcp://host[:port]} and writes it with its port spelt out.
 */
public final class TargetUri {

    /** Which scheme serves which transport, for messages. */
    static final String SCHEMES = "coap:// is for udp, coaps:// for dtls, coap+tcp:// for tcp, coaps+tcp:// for tls";

    private TargetUri() {
    }

    /** The target with its port spelt out; throws {@link InvalidValueException} when it is not usable. */
    static String normalize(String text) {
        URI uri = parse(text);
        String scheme = uri.getScheme();
        if (transportOf(scheme) == null) {
            throw invalid(text, "the scheme must be coap, coaps, coap+tcp or coaps+tcp");
        }
        if (uri.getHost() == null) {
            throw invalid(text, "no valid host name or IP address");
        }
        if (uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(text, "only host and port may be given, no user, path, query or fragment");
        }
        int defaultPort = transportOf(scheme).defaultPort();
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(text, "the port must be 1 .. 65535");
        }
        return scheme + "://" + uri.getHost() + ":" + port;
    }

    /** {@code scheme://host:port}, an IPv6 literal {@code host} in brackets. */
    public static String of(String scheme, String host, int port) {
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The transport a target scheme speaks, or null for a scheme fleetsim does not know. */
    public static Transport transportOf(String scheme) {
        for (Transport transport : Transport.values()) {
            if (transport.scheme().equals(scheme)) {
                return transport;
            }
        }
        return null;
    }

    /** The transport a target ({@code scheme://host:port}) serves, or null for a scheme fleetsim does not know. */
    public static Transport transportOfUri(String target) {
        return transportOf(URI.create(target).getScheme());
    }

    /** A named target serves one transport: every group without a target of its own must use it. */
    static void checkGroups(MappingReader top, String target, java.util.List<DeviceGroup> groups) {
        if (target == null) {
            return;
        }
        Transport served = transportOf(URI.create(target).getScheme());
        for (DeviceGroup group : groups) {
            if (!group.target().hasOwnUri() && group.transport() != served) {
                throw top.error(ScenarioKeys.TARGET, "'" + target + "' serves transport " + served.key()
                        + " but group '" + group.name() + "' uses " + group.transport().key()
                        + " (" + SCHEMES + "; give the group a target of its own,"
                        + " or leave target out to use the embedded server)");
            }
        }
    }

    private static URI parse(String text) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.isOpaque()) {
                throw invalid(text, "expected the form coap://host:port (or coap+tcp://, coaps+tcp://)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(text, "expected the form coap://host:port (or coap+tcp://, coaps+tcp://)");
        }
    }

    private static InvalidValueException invalid(String text, String why) {
        return new InvalidValueException("'" + text + "' is not a usable target: " + why);
    }
}
