package io.fleetsim.coap.tcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/**
 * The RFC 7252 option encoding (delta and length nibbles with 1 or 2 extension bytes) for the
 * options of signalling messages, whose numbers Californium's option registry does not know.
 */
final class SignalOptionCodec {

    private SignalOptionCodec() {
    }

    static Buffer encode(List<TcpSignal.Option> options) {
        Buffer out = Buffer.buffer();
        int previous = 0;
        List<TcpSignal.Option> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparingInt(TcpSignal.Option::number));
        for (TcpSignal.Option option : sorted) {
            int delta = option.number() - previous;
            int length = option.value().length;
            out.appendByte((byte) (nibble(delta) << 4 | nibble(length)));
            extension(out, delta);
            extension(out, length);
            out.appendBytes(option.value());
            previous = option.number();
        }
        return out;
    }

    /** The options up to the payload marker or the end; throws {@link IllegalArgumentException} when malformed. */
    static List<TcpSignal.Option> decode(Buffer in, int offset) {
        List<TcpSignal.Option> options = new ArrayList<>();
        int number = 0;
        int at = offset;
        while (at < in.length()) {
            int first = in.getUnsignedByte(at++);
            if (first == 0xFF) {
                break;
            }
            int[] delta = value(in, at, first >>> 4);
            at += delta[1];
            int[] length = value(in, at, first & 0x0F);
            at += length[1];
            if (at + length[0] > in.length()) {
                throw new IllegalArgumentException("option value runs past the end of the frame");
            }
            number += delta[0];
            options.add(new TcpSignal.Option(number, in.getBytes(at, at + length[0])));
            at += length[0];
        }
        return options;
    }

    private static int nibble(int value) {
        return value < 13 ? value : value < 269 ? 13 : 14;
    }

    private static void extension(Buffer out, int value) {
        if (value >= 269) {
            out.appendShort((short) (value - 269));
        } else if (value >= 13) {
            out.appendByte((byte) (value - 13));
        }
    }

    /** The value of a nibble and how many extension bytes it took. */
    private static int[] value(Buffer in, int at, int nibble) {
        return switch (nibble) {
            case 13 -> new int[] {in.getUnsignedByte(need(in, at, 1)) + 13, 1};
            case 14 -> new int[] {in.getUnsignedShort(need(in, at, 2)) + 269, 2};
            case 15 -> throw new IllegalArgumentException("option nibble 15 outside the payload marker");
            default -> new int[] {nibble, 0};
        };
    }

    private static int need(Buffer in, int at, int bytes) {
        if (at + bytes > in.length()) {
            throw new IllegalArgumentException("option header runs past the end of the frame");
        }
        return at;
    }
}
