package io.fleetsim.scenario;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.fleetsim.base.FleetVertx;

/**
 * How a run looks its target's host names up (the top-level {@code dns} map).
 *
 * @param server    the DNS server to ask, {@code address:port} with an IP address; null for the
 *                  first name server of {@code /etc/resolv.conf}
 * @param followTtl whether devices look a name up again once its TTL has passed; a group's own
 *                  {@code dns.followTtl} overrides it ({@link GroupTarget#followDns()})
 */
public record DnsSettings(String server, boolean followTtl) {

    /** The system's DNS server; names followed after their TTL. */
    public static final DnsSettings DEFAULT = new DnsSettings(null, true);

    static final int DNS_PORT = 53;

    /** The server as a socket address, or null for the system's. */
    public InetSocketAddress serverAddress() {
        if (server == null) {
            return null;
        }
        int colon = server.lastIndexOf(':');
        String host = server.substring(0, colon).replaceAll("^\\[|]$", "");
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(server.substring(colon + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("checked when read: " + server, e);
        }
    }

    /**
     * Checks a DNS server address, {@code address[:port]} ({@code [v6-address]:port} for IPv6),
     * and writes it with its port spelt out; throws {@link InvalidValueException} when not usable.
     */
    static String normalizeServer(String text) {
        String host = text;
        int port = DNS_PORT;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (bracketed) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(text, "an IPv6 address in brackets needs its ']'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(text, "expected ':port' after ']'");
                }
                port = port(text, rest.substring(1));
            }
        } else if (colon >= 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            port = port(text, text.substring(colon + 1));
        }
        if (host.isEmpty() || !FleetVertx.isLiteral(host)) {
            throw invalid(text, "the DNS server must be an IP address (a name would need a DNS server to find it),"
                    + " e.g. 127.0.0.1:5353 or [::1]:53");
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            String literal = address.getHostAddress();
            return (literal.indexOf(':') >= 0 ? "[" + literal + "]" : literal) + ":" + port;
        } catch (UnknownHostException e) {
            throw invalid(text, "'" + host + "' is not a valid IP address");
        }
    }

    private static int port(String text, String digits) {
        if (!digits.matches("\\d{1,5}")) {
            throw invalid(text, "the port must be a number 1 .. 65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw invalid(text, "the port must be 1 .. 65535");
        }
        return port;
    }

    private static InvalidValueException invalid(String text, String why) {
        return new InvalidValueException("'" + text + "' is not a usable DNS server: " + why);
    }
}
