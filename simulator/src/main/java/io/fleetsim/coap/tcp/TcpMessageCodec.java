package io.fleetsim.coap.tcp;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.DataParser;
import org.eclipse.californium.core.network.serialization.DataSerializer;
import org.eclipse.californium.core.network.serialization.TcpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;
import org.eclipse.californium.elements.util.DatagramWriter;

import io.vertx.core.buffer.Buffer;

/**
 * Encodes and decodes whole RFC 8323 frames. The frame header (length, token, code) and the
 * signalling options are written here; the options and payload of requests and responses go
 * through Californium's option serializer and parser, which are the same as over UDP.
 * Stateless and safe to share.
 */
public final class TcpMessageCodec {

    private final DataParser optionParser = new TcpDataParser();

    /** The frame of a request or response. */
    public Buffer encode(Message message) {
        DatagramWriter body = new DatagramWriter();
        DataSerializer.serializeOptionsAndPayload(body, message.getOptions(), message.getPayload());
        byte[] bytes = body.toByteArray();
        Buffer out = Buffer.buffer(bytes.length + 16);
        TcpFrameHeader.write(out, message.getRawCode(), message.getTokenBytes(), bytes.length);
        return out.appendBytes(bytes);
    }

    /** The frame of a signal. */
    public Buffer encode(TcpSignal signal) {
        Buffer body = SignalOptionCodec.encode(signal.options());
        Buffer out = Buffer.buffer(body.length() + 8);
        TcpFrameHeader.write(out, signal.code(), signal.token(), body.length());
        return out.appendBuffer(body);
    }

    /** Decodes one whole frame; throws {@link TcpFrameException} when it is not valid RFC 8323. */
    public TcpFrame decode(Buffer frame) {
        try {
            int first = frame.getUnsignedByte(0);
            int tokenLength = first & 0x0F;
            if (tokenLength > 8) {
                throw new TcpFrameException("token length " + tokenLength + " is reserved");
            }
            int at = 1 + TcpFrameHeader.extendedLengthBytes(first);
            long bodyLength = TcpFrameHeader.bodyLength(frame, 0);
            if (at + 1 + tokenLength + bodyLength != frame.length()) {
                throw new TcpFrameException("frame length does not match its header");
            }
            int code = frame.getUnsignedByte(at);
            byte[] token = frame.getBytes(at + 1, at + 1 + tokenLength);
            int bodyStart = at + 1 + tokenLength;
            return decode(code, token, frame, bodyStart);
        } catch (TcpFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TcpFrameException(String.valueOf(e.getMessage()));
        }
    }

    private TcpFrame decode(int code, byte[] token, Buffer frame, int bodyStart) {
        int codeClass = code >>> 5;
        if (code == 0) {
            return TcpFrame.EMPTY;
        }
        if (codeClass == 7) {
            return new TcpFrame(null, new TcpSignal(code, token, SignalOptionCodec.decode(frame, bodyStart)));
        }
        Message message = switch (codeClass) {
            case 0 -> new Request(CoAP.Code.valueOf(code));
            case 2, 4, 5 -> new Response(CoAP.ResponseCode.valueOf(code));
            default -> throw new TcpFrameException("code " + codeClass + "." + (code & 0x1F) + " is reserved");
        };
        message.setToken(Token.fromProvider(token));
        optionParser.parseOptionsAndPayload(new DatagramReader(frame.getBytes(bodyStart, frame.length())), message);
        return new TcpFrame(message, null);
    }
}
