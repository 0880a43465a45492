package io.fleetsim.reliability;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The UDP and TCP sockets of this process with their local addresses, read from /proc/net and
 * matched to /proc/self/fd by inode: what a port scanner on another machine could find.
 */
final class ListeningSockets {

    private static final List<String> TABLES = List.of("udp", "udp6", "tcp", "tcp6");
    /** TCP state LISTEN in /proc/net/tcp. */
    private static final String TCP_LISTEN = "0A";

    /** One socket: its protocol table, local address and port. */
    record BoundSocket(String table, InetAddress address, int port) {
    }

    private ListeningSockets() {
    }

    /** UDP sockets (bound) and listening TCP sockets of process {@code pid}. */
    static List<BoundSocket> ofProcess(long pid) throws IOException {
        Set<String> inodes;
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            inodes = fds.map(ListeningSockets::linkTarget).filter(t -> t.startsWith("socket:["))
                    .map(t -> t.substring(8, t.length() - 1)).collect(Collectors.toSet());
        }
        List<BoundSocket> sockets = new ArrayList<>();
        for (String table : TABLES) {
            for (String[] row : rows(table)) {
                boolean listening = table.startsWith("udp") || TCP_LISTEN.equals(row[3]);
                if (inodes.contains(row[9]) && listening) {
                    String[] local = row[1].split(":");
                    sockets.add(new BoundSocket(table, address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return sockets;
    }

    /**
     * The sockets of process {@code pid} that another machine could reach: bound (UDP) or
     * listening (TCP) on anything but a loopback address, the wildcard address included.
     */
    static List<BoundSocket> beyondLoopback(long pid) throws IOException {
        return ofProcess(pid).stream().filter(s -> !s.address().isLoopbackAddress()).toList();
    }

    /** {@code socket:[inode]} with the socket's table and local address when /proc/net knows it. */
    static String describe(String fdTarget) {
        if (!fdTarget.startsWith("socket:[")) {
            return fdTarget;
        }
        String inode = fdTarget.substring(8, fdTarget.length() - 1);
        try {
            for (String table : TABLES) {
                for (String[] row : rows(table)) {
                    if (row[9].equals(inode)) {
                        String[] local = row[1].split(":");
                        return fdTarget + " " + table + " " + address(local[0]).getHostAddress() + ":"
                                + Integer.parseInt(local[1], 16);
                    }
                }
            }
        } catch (IOException e) {
            return fdTarget;
        }
        return fdTarget;
    }

    private static String linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
            return "";
        }
    }

    private static List<String[]> rows(String table) throws IOException {
        Path file = Path.of("/proc/net", table);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().skip(1).map(l -> l.trim().split("\\s+")).toList();
    }

    /** /proc/net writes addresses as hex words in host (little-endian) order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = new BigInteger(hex, 16).toByteArray();
        byte[] bytes = new byte[hex.length() / 2];
        System.arraycopy(raw, Math.max(0, raw.length - bytes.length), bytes,
                Math.max(0, bytes.length - raw.length), Math.min(raw.length, bytes.length));
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
