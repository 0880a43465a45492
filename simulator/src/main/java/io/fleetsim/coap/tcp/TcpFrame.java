package io.fleetsim.coap.tcp;

import org.eclipse.californium.core.coap.Message;

/**
 * One decoded RFC 8323 frame: a request or response (as Californium's message classes), a
 * signal, or an empty message (code 0.00, which RFC 8323 says to ignore). Exactly one of
 * {@code message} and {@code signal} is set unless the frame was empty.
 */
public record TcpFrame(Message message, TcpSignal signal) {

    static final TcpFrame EMPTY = new TcpFrame(null, null);

    public boolean isEmpty() {
        return message == null && signal == null;
    }
}
