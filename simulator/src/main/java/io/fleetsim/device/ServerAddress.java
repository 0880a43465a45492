package io.fleetsim.device;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.scenario.Transport;

/**
 * A CoAP server a device talks to besides its group's target: a bootstrap server, or the LwM2M
 * server a bootstrap server handed out.
 *
 * @param uri       the URI as given
 * @param transport what its scheme means: {@code coap} udp, {@code coaps} dtls, {@code coap+tcp} tcp,
 *                  {@code coaps+tcp} tls
 * @param host      its host (an IPv6 literal without brackets)
 * @param port      its port, 5683 (coap) or 5684 (coaps) when the URI has none
 */
public record ServerAddress(String uri, Transport transport, String host, int port) {

    /**
     * The server a URI names. Fails with {@link CoapFailure} {@code unsupported-transport} for a
     * scheme other than coap, coaps, coap+tcp and coaps+tcp, {@code bad-config} for no URI or no host.
     */
    public static ServerAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new CoapFailure(FailureCause.BAD_CONFIG, "Server URI '" + text + "' is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Transport transport = TargetUri.transportOf(scheme);
        if (transport == null) {
            throw new CoapFailure(FailureCause.UNSUPPORTED_TRANSPORT, "Server URI '" + text
                    + "': not a CoAP scheme (coap, coaps, coap+tcp, coaps+tcp)");
        }
        if (uri.getHost() == null) {
            throw new CoapFailure(FailureCause.BAD_CONFIG, "Server URI '" + text + "' has no host");
        }
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        int port = uri.getPort() > 0 ? uri.getPort() : transport.defaultPort();
        return new ServerAddress(text, transport, host, port);
    }
}
