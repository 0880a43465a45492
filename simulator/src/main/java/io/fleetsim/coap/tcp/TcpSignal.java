package io.fleetsim.coap.tcp;

import java.util.List;
import java.util.Optional;

import io.fleetsim.metrics.TrafficKind;

/**
 * An RFC 8323 signalling message (code class 7): CSM, Ping, Pong, Release or Abort, with its
 * token and its signal-specific options (numbers whose meaning depends on the code).
 */
public record TcpSignal(int code, byte[] token, List<Option> options) {

    public static final int CSM = 7 << 5 | 1;
    public static final int PING = 7 << 5 | 2;
    public static final int PONG = 7 << 5 | 3;
    public static final int RELEASE = 7 << 5 | 4;
    public static final int ABORT = 7 << 5 | 5;

    /** CSM option 2: the largest message the sender can receive, in bytes. */
    public static final int MAX_MESSAGE_SIZE = 2;
    /** CSM option 4: the sender supports block-wise transfer (RFC 8323 section 6). */
    public static final int BLOCK_WISE_TRANSFER = 4;

    private static final byte[] NO_TOKEN = new byte[0];

    /** One option: its number and its value bytes. */
    public record Option(int number, byte[] value) {
    }

    public TcpSignal {
        options = List.copyOf(options);
    }

    /** A CSM announcing the largest message we take and block-wise support. */
    public static TcpSignal csm(long maxMessageSize, boolean blockWise) {
        Option size = new Option(MAX_MESSAGE_SIZE, unsigned(maxMessageSize));
        return new TcpSignal(CSM, NO_TOKEN, blockWise
                ? List.of(size, new Option(BLOCK_WISE_TRANSFER, new byte[0])) : List.of(size));
    }

    /** Ping and Pong keep the connection alive; CSM, Release and Abort set it up and take it down. */
    public TrafficKind trafficKind() {
        return code == PING || code == PONG ? TrafficKind.KEEPALIVE : TrafficKind.HANDSHAKE;
    }

    public static TcpSignal ping(byte[] token) {
        return new TcpSignal(PING, token, List.of());
    }

    public static TcpSignal pong(byte[] token) {
        return new TcpSignal(PONG, token, List.of());
    }

    public static TcpSignal abort() {
        return new TcpSignal(ABORT, NO_TOKEN, List.of());
    }

    public static TcpSignal release() {
        return new TcpSignal(RELEASE, NO_TOKEN, List.of());
    }

    /** The first option with this number. */
    public Optional<Option> option(int number) {
        return options.stream().filter(o -> o.number() == number).findFirst();
    }

    /** Max-Message-Size of a CSM, when given. */
    public Optional<Long> maxMessageSize() {
        return code == CSM ? option(MAX_MESSAGE_SIZE).map(o -> toUnsigned(o.value())) : Optional.empty();
    }

    /** The code as RFC 8323 writes it, e.g. {@code 7.02}. */
    public String codeText() {
        return "7.0" + (code & 0x1F);
    }

    static byte[] unsigned(long value) {
        int bytes = value == 0 ? 0 : (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[bytes - 1 - i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    /** An option's value as an unsigned integer (RFC 7252 uint); meaningful for at most 8 bytes. */
    public static long unsignedValue(byte[] value) {
        return toUnsigned(value);
    }

    static long toUnsigned(byte[] value) {
        long result = 0;
        for (byte b : value) {
            result = result << 8 | (b & 0xFF);
        }
        return result;
    }
}
