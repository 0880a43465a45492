package io.fleetsim.engine;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioException;
import io.fleetsim.scenario.SourceAddresses;
import io.fleetsim.scenario.Transport;

/**
 * Checks, where the devices bind and before the run starts, that the source addresses of every
 * group belong to this machine and suit the target: the target's address family, and a loopback
 * target for loopback addresses. The problem names the scenario file, line and key. Also counts the
 * devices per source address, for the socket budget and {@code summary.json}.
 */
final class SourceAddressCheck {

    private SourceAddressCheck() {
    }

    /**
     * Refuses a group's source address that is not on this machine or cannot reach the address its
     * transport goes to ({@code resolved}: the target with IP literals for names).
     *
     * @throws ScenarioException naming the file, line and key
     */
    static void check(Scenario scenario, RunTarget resolved) {
        check(scenario, resolved, SourceAddressCheck::isLocal);
    }

    static void check(Scenario scenario, RunTarget resolved, Predicate<InetAddress> local) {
        for (DeviceGroup group : scenario.groups()) {
            SourceAddresses sources = group.sourceAddresses();
            if (sources.isEmpty()) {
                continue;
            }
            InetAddress target = address(targetHostOf(group.transport(), resolved));
            for (String text : sources.addresses()) {
                InetAddress source = address(text);
                if (!local.test(source)) {
                    throw sources.problem(text + " is not an address of this machine (no network interface has "
                            + "it; see 'ip -brief address'); on Linux every address of 127.0.0.0/8 is on the "
                            + "loopback interface");
                }
                if ((source instanceof Inet6Address) != (target instanceof Inet6Address)) {
                    throw sources.problem(text + " is " + family(source) + " but group '" + group.name()
                            + "' sends to " + target.getHostAddress() + ", an " + family(target)
                            + " address; give " + family(target) + " source addresses");
                }
                if (source.isLoopbackAddress() && !target.isLoopbackAddress()) {
                    throw sources.problem(text + " is a loopback address, which cannot reach group '"
                            + group.name() + "''s target " + target.getHostAddress()
                            + "; give addresses of an interface that routes to it");
                }
            }
        }
    }

    /**
     * Planned devices per source address, in the order the groups name them; empty when no group
     * names source addresses.
     */
    static Map<String, Integer> devicesPerAddress(Scenario scenario) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (DeviceGroup group : scenario.groups()) {
            SourceAddresses sources = group.sourceAddresses();
            int n = sources.addresses().size();
            for (int i = 0; i < n; i++) {
                out.merge(sources.addresses().get(i), sources.devicesOn(i, group.count()), Integer::sum);
            }
        }
        return out;
    }

    /** Whether the machine has {@code address}; on Linux all of 127.0.0.0/8 answers on the loopback interface. */
    static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() && !(address instanceof Inet6Address)
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static String targetHostOf(Transport transport, RunTarget resolved) {
        return switch (transport) {
            case DTLS -> resolved.dtls() != null ? resolved.dtls().host() : resolved.host();
            case TCP, TLS -> resolved.endpoints().of(transport)
                    .map(hostPort -> hostPort.address() != null ? hostPort.address() : hostPort.host())
                    .orElse(resolved.host());
            case UDP -> resolved.host();
        };
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // IP literals only: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    private static String family(InetAddress address) {
        return address instanceof Inet6Address ? "IPv6" : "IPv4";
    }
}
