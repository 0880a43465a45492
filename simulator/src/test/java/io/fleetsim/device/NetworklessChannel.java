package io.fleetsim.device;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapRequestHandler;
import io.vertx.core.Future;

/**
 * A device channel with no network, for the device tests: opening and closing only flip a flag,
 * the test holds the handler of the server's requests, and {@link #willingServer} answers as an
 * LwM2M server that takes everything.
 */
abstract class NetworklessChannel implements CoapChannel {

    /** The device's handler of the server's requests, set when the device makes the channel. */
    volatile CoapRequestHandler requestHandler;
    private volatile boolean open;

    /** What a willing LwM2M server answers: Register 2.01 with Location {@code rd/5}, De-register 2.02, else 2.04. */
    static Future<Response> willingServer(Request request) {
        if (request.getCode() == Code.DELETE) {
            return Future.succeededFuture(new Response(ResponseCode.DELETED));
        }
        if (request.getOptions().getUriPathString().equals("rd")) {
            Response created = new Response(ResponseCode.CREATED);
            created.getOptions().setLocationPath("rd/5");
            return Future.succeededFuture(created);
        }
        return Future.succeededFuture(new Response(ResponseCode.CHANGED));
    }

    @Override
    public Future<Void> open() {
        open = true;
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
        open = false;
        return Future.succeededFuture();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public int localPort() {
        return open ? 40_000 : -1;
    }
}
