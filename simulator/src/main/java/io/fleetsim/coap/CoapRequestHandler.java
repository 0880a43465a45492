package io.fleetsim.coap;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/** Answers a request from the server; the channel sends the answer back (piggybacked over UDP). */
@FunctionalInterface
public interface CoapRequestHandler {
    /** The answer, or null when the device did not hear the request (queue mode, asleep): nothing is sent. */
    Response handle(Request request);
}
