package io.fleetsim.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.SourceAddresses;
import io.fleetsim.transport.SocketBudget;

/**
 * Before the run starts, whether every device can have its socket: one file descriptor each within
 * the process's open-file limit ({@code ulimit -n}), and one ephemeral port each on the address it
 * binds to (udp and dtls devices take UDP ports, tcp and tls devices TCP ports; each address has
 * the range {@code net.ipv4.ip_local_port_range} of each). Says how many devices cannot get a socket
 * and the command that raises the limit; the run goes on (those devices fail with
 * {@code socket-limit}).
 */
final class SocketBudgetCheck {

    static final Path PORT_RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** The system's ephemeral port range, both ends included. */
    record PortRange(int low, int high) {

        int size() {
            return high - low + 1;
        }

        /** The range in {@code file} ({@code "32768\t60999"}), or null when there is none to read. */
        static PortRange read(Path file) {
            try {
                String[] parts = Files.readString(file).trim().split("\\s+");
                return parts.length == 2 ? new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])) : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** Devices that bind to one address: those taking a UDP port and those taking a TCP port. */
    record AddressLoad(int datagram, int stream) {

        AddressLoad plus(AddressLoad other) {
            return new AddressLoad(datagram + other.datagram, stream + other.stream);
        }
    }

    private SocketBudgetCheck() {
    }

    /** What this machine and process allow for {@code scenario}, whose devices bind to {@code bindHost} by default. */
    static List<String> problems(Scenario scenario, String bindHost) {
        return problems(loads(scenario, bindHost), PortRange.read(PORT_RANGE_FILE), SocketBudget.measureNow());
    }

    static List<String> problems(Map<String, AddressLoad> loads, PortRange ports, SocketBudget files) {
        return problems(loads, ports, files.openFileLimit(), files.limit());
    }

    /**
     * One line per shortfall, empty when every device can have its socket.
     *
     * @param loads         devices per local address
     * @param ports         the ephemeral port range, or null when unknown (no check of ports)
     * @param openFileLimit the process's open-file limit
     * @param socketRoom    device sockets the process may still open within it
     */
    static List<String> problems(Map<String, AddressLoad> loads, PortRange ports, long openFileLimit,
            long socketRoom) {
        List<String> out = new ArrayList<>();
        long devices = loads.values().stream().mapToLong(l -> (long) l.datagram() + l.stream()).sum();
        if (devices > socketRoom) {
            long missing = devices - socketRoom;
            out.add(String.format(Locale.ROOT, "socket budget: %d devices need %d sockets, but this process may open "
                    + "%d files (ulimit -n), which leaves room for %d device sockets: %d devices will not get a "
                    + "socket; raise the limit with 'ulimit -n %d' (up to 'ulimit -Hn') or spread the fleet over "
                    + "several processes", devices, devices, openFileLimit, socketRoom, missing,
                    openFileLimit + missing));
        }
        if (ports == null) {
            return out;
        }
        loads.forEach((address, load) -> {
            addPorts(out, address, "udp and dtls", load.datagram(), ports);
            addPorts(out, address, "tcp and tls", load.stream(), ports);
        });
        return out;
    }

    private static void addPorts(List<String> out, String address, String transports, int devices, PortRange ports) {
        if (devices <= ports.size()) {
            return;
        }
        out.add(String.format(Locale.ROOT, "socket budget: %d %s devices bind to %s, but the ephemeral port range "
                + "%d-%d holds %d ports per address: %d devices will not get a port; widen the range with "
                + "'sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"' or spread the group over more "
                + "addresses with sourceAddresses", devices, transports, address, ports.low(), ports.high(),
                ports.size(), devices - ports.size()));
    }

    /** Devices per local address: each group's source addresses, else {@code bindHost}. */
    static Map<String, AddressLoad> loads(Scenario scenario, String bindHost) {
        Map<String, AddressLoad> out = new LinkedHashMap<>();
        for (DeviceGroup group : scenario.groups()) {
            SourceAddresses sources = group.sourceAddresses().isEmpty() ? SourceAddresses.of(List.of(bindHost))
                    : group.sourceAddresses();
            List<String> addresses = sources.addresses();
            for (int i = 0; i < addresses.size(); i++) {
                int devices = sources.devicesOn(i, group.count());
                AddressLoad load = group.transport().isStream() ? new AddressLoad(0, devices)
                        : new AddressLoad(devices, 0);
                out.merge(addresses.get(i), load, AddressLoad::plus);
            }
        }
        return out;
    }
}
