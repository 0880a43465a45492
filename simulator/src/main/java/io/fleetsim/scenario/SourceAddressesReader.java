package io.fleetsim.scenario;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a group's {@code sourceAddresses}: one address or CIDR, or a list of them. Refuses names,
 * host bits set in a CIDR, a mix of IPv4 and IPv6, an address given twice and more than
 * {@link SourceAddresses#MAX_ADDRESSES} addresses. Whether the addresses belong to this machine,
 * and suit the target, is checked when the run starts, where the devices bind.
 */
final class SourceAddressesReader {

    private SourceAddressesReader() {
    }

    static SourceAddresses read(MappingReader group) {
        Optional<ValueSite> found = group.site(ScenarioKeys.SOURCE_ADDRESSES);
        if (found.isEmpty()) {
            return SourceAddresses.NONE;
        }
        ValueSite site = found.get();
        List<ValueSite> items = site.items(
                "must list at least one address or CIDR (or remove the key to use the default address)");
        Map<String, String> addresses = new LinkedHashMap<>(); // address -> the item that gave it
        Boolean ipv4 = null;
        for (ValueSite item : items) {
            String text = ScalarValues.text(item, "an IP address or a CIDR such as 127.0.1.0/29").trim();
            List<InetAddress> expanded;
            try {
                expanded = expand(text);
            } catch (InvalidValueException e) {
                throw item.fail(e.getMessage());
            }
            boolean itemIpv4 = expanded.get(0) instanceof Inet4Address;
            if (ipv4 != null && ipv4 != itemIpv4) {
                throw item.fail("'" + text + "' is " + (itemIpv4 ? "IPv4" : "IPv6") + " but the addresses before it are "
                        + (ipv4 ? "IPv4" : "IPv6") + "; a group's source addresses must all be of one family");
            }
            ipv4 = itemIpv4;
            for (InetAddress address : expanded) {
                String literal = address.getHostAddress();
                String earlier = addresses.putIfAbsent(literal, text);
                if (earlier != null) {
                    throw item.fail("'" + text + "' names " + literal + ", which '" + earlier
                            + "' names already; each address may be given once");
                }
            }
            if (addresses.size() > SourceAddresses.MAX_ADDRESSES) {
                throw item.fail("the source addresses come to more than " + SourceAddresses.MAX_ADDRESSES
                        + " (at most " + SourceAddresses.MAX_ADDRESSES + " per group)");
            }
        }
        return new SourceAddresses(List.copyOf(addresses.keySet()), String.valueOf(site.source().name()),
                site.line(), site.field());
    }

    /** The addresses of one item: itself, or every address of a CIDR. */
    static List<InetAddress> expand(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return List.of(SourceAddresses.parse(text));
        }
        InetAddress network = SourceAddresses.parse(text.substring(0, slash));
        int bits = network.getAddress().length * 8;
        String prefixText = text.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
            throw new InvalidValueException("'" + text + "' is not a CIDR: the prefix length after '/' must be 0 .. "
                    + bits);
        }
        int prefix = Integer.parseInt(prefixText);
        int hostBits = bits - prefix;
        int maxHostBits = Integer.numberOfTrailingZeros(SourceAddresses.MAX_ADDRESSES);
        if (hostBits > maxHostBits) {
            throw new InvalidValueException("'" + text + "' holds " + BigInteger.ONE.shiftLeft(hostBits)
                    + " addresses; at most " + SourceAddresses.MAX_ADDRESSES + " are allowed (a prefix of /"
                    + (bits - maxHostBits) + " or longer)");
        }
        BigInteger base = new BigInteger(1, network.getAddress());
        if (!base.shiftRight(hostBits).shiftLeft(hostBits).equals(base)) {
            InetAddress start = toAddress(base.shiftRight(hostBits).shiftLeft(hostBits), bits);
            throw new InvalidValueException("'" + text + "' has host bits set after the /" + prefix
                    + " prefix; the block starts at " + start.getHostAddress() + "/" + prefix);
        }
        List<InetAddress> out = new ArrayList<>(1 << hostBits);
        for (int i = 0; i < 1 << hostBits; i++) {
            out.add(toAddress(base.add(BigInteger.valueOf(i)), bits));
        }
        return out;
    }

    private static InetAddress toAddress(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        return SourceAddresses.byBytes(bytes);
    }
}
