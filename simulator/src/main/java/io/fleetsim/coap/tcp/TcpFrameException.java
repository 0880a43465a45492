package io.fleetsim.coap.tcp;

/** A frame that is not valid RFC 8323; the connection it came on should be aborted. */
public final class TcpFrameException extends RuntimeException {

    public TcpFrameException(String message) {
        super(message, null, false, false);
    }
}
