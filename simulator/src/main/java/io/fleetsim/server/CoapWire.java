package io.fleetsim.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few RFC 7252 bytes the minimal responder reads and writes, without building message
 * objects: a request's type, code, message ID, token, Uri-Path and Uri-Query, and a response's
 * header, token and Location-Path. The responder exists to cost as little as possible next to the
 * simulator it measures, so it parses only what it answers from.
 */
final class CoapWire {

    static final int CON = 0;
    static final int NON = 1;
    static final int ACK = 2;
    static final int RST = 3;
    /** The request code of GET. */
    static final int GET = 1;
    /** The request code of PUT. */
    static final int PUT = 3;
    /** The response code 2.04 Changed. */
    static final int CHANGED = 2 << 5 | 4;
    /** The response code 2.05 Content. */
    static final int CONTENT = 2 << 5 | 5;

    private static final int VERSION = 1;
    private static final int OBSERVE = 6;
    private static final int LOCATION_PATH = 8;
    private static final int URI_PATH = 11;
    private static final int URI_QUERY = 15;
    private static final int PAYLOAD_MARKER = 0xFF;

    private CoapWire() {
    }

    /**
     * A message as far as the responder cares.
     *
     * @param code    the code byte: 0 empty, 1..31 a request (class 0), above a response
     * @param path    Uri-Path segments
     * @param queries Uri-Query strings
     */
    record Message(int type, int code, int messageId, byte[] token, List<String> path, List<String> queries) {

        boolean isEmpty() {
            return code == 0;
        }

        boolean isRequest() {
            return code > 0 && code < 32;
        }
    }

    /** Parses a datagram; null when it is not a well-formed CoAP message. */
    static Message parse(byte[] data) {
        if (data.length < 4 || (data[0] & 0xFF) >>> 6 != VERSION) {
            return null;
        }
        int type = (data[0] >>> 4) & 0x3;
        int tokenLength = data[0] & 0xF;
        if (tokenLength > 8 || data.length < 4 + tokenLength) {
            return null;
        }
        int code = data[1] & 0xFF;
        int messageId = (data[2] & 0xFF) << 8 | (data[3] & 0xFF);
        byte[] token = new byte[tokenLength];
        System.arraycopy(data, 4, token, 0, tokenLength);
        if (code == 0) {
            return data.length == 4 + tokenLength && tokenLength == 0
                    ? new Message(type, 0, messageId, token, List.of(), List.of()) : null;
        }
        List<String> path = new ArrayList<>(2);
        List<String> queries = new ArrayList<>(4);
        int at = 4 + tokenLength;
        int number = 0;
        while (at < data.length) {
            int first = data[at++] & 0xFF;
            if (first == PAYLOAD_MARKER) {
                return at < data.length ? new Message(type, code, messageId, token, path, queries) : null;
            }
            int[] delta = extended(first >>> 4, data, at);
            if (delta == null) {
                return null;
            }
            at = delta[1];
            int[] length = extended(first & 0xF, data, at);
            if (length == null || length[1] + length[0] > data.length) {
                return null;
            }
            at = length[1];
            number += delta[0];
            if (number == URI_PATH || number == URI_QUERY) {
                String value = new String(data, at, length[0], StandardCharsets.UTF_8);
                (number == URI_PATH ? path : queries).add(value);
            }
            at += length[0];
        }
        return new Message(type, code, messageId, token, path, queries);
    }

    /** An option delta or length nibble with its extension bytes: {value, position after}; null when malformed. */
    private static int[] extended(int nibble, byte[] data, int at) {
        if (nibble < 13) {
            return new int[] {nibble, at};
        }
        if (nibble == 13) {
            return at < data.length ? new int[] {(data[at] & 0xFF) + 13, at + 1} : null;
        }
        if (nibble == 14) {
            return at + 1 < data.length ? new int[] {((data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF)) + 269, at + 2} : null;
        }
        return null;
    }

    /**
     * A CON GET of {@code path} with Observe 0 (RFC 7641 section 2: register): the option is
     * written with no value bytes, as a zero-length uint means 0.
     */
    /** A CON PUT to {@code path} with {@code queries} as Uri-Query and no payload: LwM2M Write-Attributes. */
    static byte[] writeAttributesRequest(int messageId, byte[] token, List<String> path, List<String> queries) {
        ByteArrayOutputStream out = header(CON, PUT, messageId, token);
        writeRepeated(out, 0, URI_PATH, path);
        writeRepeated(out, path.isEmpty() ? 0 : URI_PATH, URI_QUERY, queries);
        return out.toByteArray();
    }

    static byte[] observeRequest(int messageId, byte[] token, List<String> path) {
        ByteArrayOutputStream out = header(CON, GET, messageId, token);
        writeOptionHeader(out, OBSERVE, 0);
        writeRepeated(out, OBSERVE, URI_PATH, path);
        return out.toByteArray();
    }

    /** A response (or, with code 0 and no token, an empty RST/ACK) with {@code locationPath} segments. */
    static byte[] response(int type, int code, int messageId, byte[] token, List<String> locationPath) {
        ByteArrayOutputStream out = header(type, code, messageId, token);
        writeRepeated(out, 0, LOCATION_PATH, locationPath);
        return out.toByteArray();
    }

    /** A message's fixed header and token. */
    private static ByteArrayOutputStream header(int type, int code, int messageId, byte[] token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + token.length);
        out.write(VERSION << 6 | type << 4 | token.length);
        out.write(code);
        out.write(messageId >>> 8 & 0xFF);
        out.write(messageId & 0xFF);
        out.write(token, 0, token.length);
        return out;
    }

    /** Option {@code number} once per segment, after option {@code previous}. */
    private static void writeRepeated(ByteArrayOutputStream out, int previous, int number, List<String> segments) {
        for (String segment : segments) {
            byte[] value = segment.getBytes(StandardCharsets.UTF_8);
            writeOptionHeader(out, number - previous, value.length);
            out.write(value, 0, value.length);
            previous = number;
        }
    }

    private static void writeOptionHeader(ByteArrayOutputStream out, int delta, int length) {
        out.write(nibble(delta) << 4 | nibble(length));
        extension(out, delta);
        extension(out, length);
    }

    private static int nibble(int value) {
        return value < 13 ? value : value < 269 ? 13 : 14;
    }

    private static void extension(ByteArrayOutputStream out, int value) {
        if (value >= 269) {
            out.write((value - 269) >>> 8 & 0xFF);
            out.write((value - 269) & 0xFF);
        } else if (value >= 13) {
            out.write(value - 13);
        }
    }
}
