package io.fleetsim.scenario;

import java.net.InetAddress;
import java.util.List;

/**
 * The local addresses a group's devices bind to, spread round robin by the device's index in its
 * group, so that a process can hold more sockets than one address has ephemeral ports. Read from
 * {@code sourceAddresses} (a CIDR such as {@code 127.0.1.0/29}, or a list of addresses and CIDRs);
 * {@link #NONE} when the group gives none and its devices bind to the run's one bind address.
 *
 * @param addresses the addresses as IP literals, in the order given (a CIDR in address order)
 * @param file      the scenario file that gives them, to name in a problem found only when the run
 *                  starts ({@link #problem}); null when built in code
 * @param line      the line of the key in {@code file}
 * @param field     the key as the user sees it, e.g. {@code groups[1].sourceAddresses}
 */
public record SourceAddresses(List<String> addresses, String file, int line, String field) {

    /** Most addresses one group may name. */
    public static final int MAX_ADDRESSES = 1024;

    /** No source addresses: the devices bind to the run's bind address. */
    public static final SourceAddresses NONE = new SourceAddresses(List.of(), null, 0, "sourceAddresses");

    public SourceAddresses {
        addresses = List.copyOf(addresses);
    }

    /** Addresses given in code, not read from a file. */
    public static SourceAddresses of(List<String> addresses) {
        return new SourceAddresses(addresses, null, 0, "fleet.sourceAddresses");
    }

    /**
     * A problem with these addresses found when the run starts (not on this machine, not the
     * target's family), as {@code file:line: field: problem}.
     */
    public ScenarioException problem(String text) {
        String where = file == null ? field : file + ":" + line + ": " + field;
        return new ScenarioException(where + ": " + text, line, field);
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /** The address of the device with index {@code indexInGroup}, or {@code fallback} when the group names none. */
    public String of(int indexInGroup, String fallback) {
        return addresses.isEmpty() ? fallback : addresses.get(Math.floorMod(indexInGroup, addresses.size()));
    }

    /** How many of a group's {@code count} devices get address number {@code i} (round robin by index in the group). */
    public int devicesOn(int i, int count) {
        int n = addresses.size();
        return count / n + (i < count % n ? 1 : 0);
    }

    /**
     * A literal address as an {@link InetAddress}, without any name lookup.
     *
     * @throws InvalidValueException when {@code text} is not an IPv4 or IPv6 literal
     */
    static InetAddress parse(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    throw new InvalidValueException("'" + text + "' is not an IPv4 address: " + part + " is more than 255");
                }
                bytes[i] = (byte) part;
            }
            return byBytes(bytes);
        }
        if (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")) {
            try {
                return InetAddress.getByName(text); // a literal: parsed, never looked up
            } catch (java.net.UnknownHostException e) {
                throw new InvalidValueException("'" + text + "' is not an IPv6 address");
            }
        }
        throw new InvalidValueException("'" + text + "' is not an IP address (names are not allowed here: give "
                + "addresses, or a CIDR such as 127.0.1.0/29)");
    }

    static InetAddress byBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
