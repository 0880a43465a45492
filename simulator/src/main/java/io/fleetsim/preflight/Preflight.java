package io.fleetsim.preflight;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.fleetsim.transport.DnsLookup;

/**
 * Runs the network checks of {@code fleetsim preflight} on each target in turn: DNS (addresses,
 * TTL, and with a watch whether the answer is fresh after the TTL), reachability (CoAP ping over
 * UDP, TCP connect), the server certificate over TLS or DTLS, and over CoAP/TCP the CSM exchange
 * and a Ping/Pong. Blocking: call it from a plain thread, never from an event loop.
 */
public final class Preflight {

    private final PreflightOptions options;
    private DnsLookup dns;

    public Preflight(PreflightOptions options) {
        this.options = options;
    }

    /** Checks every target; the reports come in the order of the targets. */
    public List<TargetReport> run(List<PreflightTarget> targets) {
        List<TargetReport> reports = new ArrayList<>();
        try {
            for (PreflightTarget target : targets) {
                reports.add(check(target));
            }
        } finally {
            if (dns != null) {
                dns.close();
            }
        }
        return reports;
    }

    private TargetReport check(PreflightTarget target) {
        List<Check> checks = new ArrayList<>();
        InetAddress address = resolve(target, checks);
        if (address == null) {
            return new TargetReport(target, checks);
        }
        InetSocketAddress socketAddress = new InetSocketAddress(address, target.port());
        switch (target.scheme()) {
            case COAP -> checks.add(CoapPing.udp(socketAddress, options));
            case COAPS -> checks.addAll(DtlsProbe.run(socketAddress, options));
            case COAP_TCP, COAPS_TCP, HTTPS -> checks.addAll(StreamProbe.run(target, socketAddress, options));
        }
        return new TargetReport(target, checks);
    }

    /** The address to probe, or null when DNS failed (the checks say why). */
    private InetAddress resolve(PreflightTarget target, List<Check> checks) {
        if (target.literal()) {
            try {
                InetAddress literal = InetAddress.getByName(target.host());
                checks.add(Check.pass("dns", "literal address " + literal.getHostAddress() + " (no lookup)"));
                return literal;
            } catch (UnknownHostException e) {
                checks.add(Check.fail("dns", "'" + target.host() + "' is not a valid address",
                        "the IP address in the URI is malformed", "correct the address in the URI"));
                return null;
            }
        }
        DnsLookup lookup;
        try {
            lookup = dns();
        } catch (IOException | RuntimeException e) {
            checks.add(Check.fail("dns", "cannot use a DNS server: " + e.getMessage(),
                    "no DNS server is configured or reachable from this machine",
                    "give one with --dns-server host:port, or fix /etc/resolv.conf"));
            return null;
        }
        String resolver = "resolver " + DnsLookup.text(lookup.server())
                + (options.dnsServer() != null ? " (--dns-server)" : " (/etc/resolv.conf)");
        DnsLookup.Answer answer;
        long asked = System.nanoTime();
        try {
            answer = lookup.lookup(target.host());
        } catch (DnsLookup.LookupException e) {
            checks.add(Check.fail("dns", e.getMessage() + "; " + resolver,
                    "the devices' DNS server cannot resolve " + target.host()
                            + ": devices will not find the service",
                    "check the host name; make sure the DNS server the devices use can resolve public names"
                            + " (firewalls often block UDP and TCP port 53 to outside resolvers)"));
            return null;
        }
        checks.add(Check.pass("dns", addresses(answer) + "; TTL " + answer.ttlSeconds() + " s; " + resolver));
        if (options.watchDnsMillis() > 0) {
            answer = watch(target.host(), lookup, answer, asked, checks);
        }
        return answer == null ? null : answer.addresses().get(0);
    }

    /** Looks the name up again after its TTL; returns the newer answer (or the old one). */
    private DnsLookup.Answer watch(String host, DnsLookup lookup, DnsLookup.Answer first, long asked,
            List<Check> checks) {
        long waitMillis = first.ttlSeconds() * 1000 + 500;
        if (first.ttlSeconds() == 0) {
            checks.add(Check.pass("dns-fresh", "TTL 0: answers are not to be cached"));
            return first;
        }
        if (waitMillis > options.watchDnsMillis()) {
            checks.add(Check.warn("dns-fresh", "TTL " + first.ttlSeconds() + " s is longer than --watch-dns "
                    + CoapPing.seconds(options.watchDnsMillis()) + ": not watched",
                    "whether the answer is renewed after its TTL was not checked",
                    "give --watch-dns at least " + (first.ttlSeconds() + 1) + " to watch it"));
            return first;
        }
        long sleep = waitMillis - (System.nanoTime() - asked) / 1_000_000L;
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return first;
            }
        }
        long elapsed = (System.nanoTime() - asked) / 1_000_000L;
        DnsLookup.Answer second;
        try {
            second = lookup.lookup(host);
        } catch (DnsLookup.LookupException e) {
            checks.add(Check.fail("dns-fresh", "no answer after the TTL: " + e.getMessage(),
                    "the name stopped resolving once its TTL ran out",
                    "check the DNS server the devices use; it must reach the service's name servers"));
            return first;
        }
        String after = "after " + CoapPing.seconds(elapsed) + ": ";
        boolean changed = !second.addresses().equals(first.addresses());
        if (changed) {
            checks.add(Check.pass("dns-fresh", after + "fresh answer " + addresses(second) + " (was "
                    + addresses(first) + "); TTL " + second.ttlSeconds() + " s"));
        } else if (second.ttlSeconds() > 0) {
            checks.add(Check.pass("dns-fresh", after + "same addresses, TTL restarted at " + second.ttlSeconds()
                    + " s (fresh answer)"));
        } else {
            checks.add(Check.fail("dns-fresh", after + "same addresses with TTL 0",
                    "the resolver serves an answer past its TTL instead of asking again; when the service's"
                            + " addresses change, devices behind it keep using the old ones",
                    "configure the DNS server the devices use not to serve stale answers"));
        }
        return second;
    }

    private DnsLookup dns() throws IOException {
        if (dns == null) {
            InetSocketAddress server = options.dnsServer() != null ? options.dnsServer() : DnsLookup.systemNameServer();
            dns = new DnsLookup(server, options.stepMillis());
        }
        return dns;
    }

    private static String addresses(DnsLookup.Answer answer) {
        return answer.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }
}
