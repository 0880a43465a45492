package io.fleetsim.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.fleetsim.base.FleetVertx;

/**
 * The address the embedded servers of a run listen on ({@code fleetsim run --server-host}), and
 * that every URI handed to devices and agents names: 127.0.0.1 unless the user names an address of
 * one of this machine's interfaces, so that agents on other machines can reach the servers.
 */
public final class ServerHost {

    /** Where the embedded servers listen unless told otherwise: this machine only. */
    public static final String DEFAULT = "127.0.0.1";

    private ServerHost() {
    }

    /**
     * {@code text} as the address the embedded servers can bind: an IP literal (never looked up)
     * that one of this machine's network interfaces has ({@link SourceAddressCheck#isLocal}), not
     * the wildcard address. Returns the address in its canonical form ({@code ::1} for
     * {@code 0:0:0:0:0:0:0:1}, no brackets).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String check(String text) {
        String literal = text.strip().replaceAll("^\\[|]$", "");
        if (literal.isEmpty() || !FleetVertx.isLiteral(literal)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address; give an address of one of this "
                    + "machine's network interfaces (see 'ip -brief address'), e.g. 10.0.0.4 (a name is not "
                    + "looked up: the servers bind one address, and the devices must be told that one)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // an IP literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address: " + e.getMessage(), e);
        }
        if (address.isAnyLocalAddress()) {
            throw new IllegalArgumentException(text + " is the wildcard address: the embedded servers would listen "
                    + "on every interface of this machine, and devices need one address to send to; give the "
                    + "address of the interface the agents reach this machine on");
        }
        if (address instanceof java.net.Inet6Address && address.isLinkLocalAddress()) {
            throw new IllegalArgumentException(text + " is an IPv6 link-local address, which needs a scope (an "
                    + "interface) that the URIs handed to devices cannot carry; give a global or unique-local address");
        }
        if (!SourceAddressCheck.isLocal(address)) {
            throw new IllegalArgumentException(text + " is not an address of this machine (no network interface "
                    + "has it; see 'ip -brief address')");
        }
        return canonical(address);
    }

    /**
     * Whether {@code host} ({@code localhost} or an IP literal, as {@link #check} returns) is on
     * loopback; a name other than {@code localhost} is not looked up and counts as not.
     */
    public static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return FleetVertx.isLiteral(host) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String canonical(InetAddress address) {
        String text = address.getHostAddress();
        return text.equals("0:0:0:0:0:0:0:1") ? "::1" : text;
    }
}
