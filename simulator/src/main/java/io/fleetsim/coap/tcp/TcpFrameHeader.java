package io.fleetsim.coap.tcp;

import io.vertx.core.buffer.Buffer;

/**
 * The RFC 8323 section 3.2 frame header: {@code Len|TKL}, 0/1/2/4 bytes of Extended Length,
 * then the code and the token. {@code Len} counts the options and payload only; values from 13,
 * 269 and 65805 on move into the 1, 2 and 4 byte Extended Length field.
 */
public final class TcpFrameHeader {

    static final int ONE_BYTE_BASE = 13;
    static final int TWO_BYTE_BASE = 269;
    static final int FOUR_BYTE_BASE = 65805;

    private TcpFrameHeader() {
    }

    /** Writes the header of a frame whose options and payload take {@code bodyLength} bytes. */
    public static void write(Buffer out, int code, byte[] token, int bodyLength) {
        if (token.length > 8) {
            throw new IllegalArgumentException("a token has at most 8 bytes, got " + token.length);
        }
        if (bodyLength < ONE_BYTE_BASE) {
            out.appendByte((byte) (bodyLength << 4 | token.length));
        } else if (bodyLength < TWO_BYTE_BASE) {
            out.appendByte((byte) (13 << 4 | token.length)).appendByte((byte) (bodyLength - ONE_BYTE_BASE));
        } else if (bodyLength < FOUR_BYTE_BASE) {
            out.appendByte((byte) (14 << 4 | token.length)).appendShort((short) (bodyLength - TWO_BYTE_BASE));
        } else {
            out.appendByte((byte) (15 << 4 | token.length)).appendInt(bodyLength - FOUR_BYTE_BASE);
        }
        out.appendByte((byte) code).appendBytes(token);
    }

    /** Bytes of Extended Length that follow the first byte, from its Len nibble. */
    static int extendedLengthBytes(int firstByte) {
        return switch ((firstByte & 0xFF) >>> 4) {
            case 13 -> 1;
            case 14 -> 2;
            case 15 -> 4;
            default -> 0;
        };
    }

    /**
     * The length of the options and payload, read from {@code in} at {@code offset}, where the
     * first byte and its Extended Length must already be present.
     */
    static long bodyLength(Buffer in, int offset) {
        int first = in.getUnsignedByte(offset);
        int len = first >>> 4;
        return switch (len) {
            case 13 -> in.getUnsignedByte(offset + 1) + (long) ONE_BYTE_BASE;
            case 14 -> in.getUnsignedShort(offset + 1) + (long) TWO_BYTE_BASE;
            case 15 -> in.getUnsignedInt(offset + 1) + FOUR_BYTE_BASE;
            default -> len;
        };
    }
}
