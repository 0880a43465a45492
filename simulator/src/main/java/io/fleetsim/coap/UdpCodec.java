package io.fleetsim.coap;

import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/** CoAP over UDP (RFC 7252) encoding and decoding with Californium's serializers. */
public final class UdpCodec {

    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private final UdpDataParser parser = new UdpDataParser();

    public byte[] encode(Message message) {
        return serializer.getByteArray(message);
    }

    /**
     * Parses a datagram.
     *
     * @throws MalformedMessageException when the bytes are not a CoAP message
     */
    public Message decode(byte[] datagram) {
        try {
            return parser.parseMessage(datagram);
        } catch (RuntimeException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    /** A datagram that is not a valid CoAP message. */
    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String detail) {
            super(detail, null, false, false);
        }
    }
}
