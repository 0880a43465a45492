package io.fleetsim.coap;

import java.io.ByteArrayOutputStream;
import java.util.function.Function;

import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.option.BlockOption;

import io.fleetsim.resultsformat.FailureCause;
import io.vertx.core.Future;

/**
 * Follows a Block2 response (RFC 7959) block by block, within a bound: a server that keeps
 * announcing "more" past {@link #MAX_BYTES} or {@link #MAX_BLOCKS} fails the request with
 * {@code block2-too-large} instead of holding the device forever. Responses without Block2, or
 * with the last block, are passed on as they are (the last one with the whole body as payload).
 */
public final class Block2Transfer {

    /** Most bytes a device accepts in one blockwise response body. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Most blocks a device fetches for one response, whatever their size. */
    public static final int MAX_BLOCKS = 64;

    private final Function<Request, Future<Response>> exchange;
    private final Request original;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int blocks;

    private Block2Transfer(Function<Request, Future<Response>> exchange, Request original) {
        this.exchange = exchange;
        this.original = original;
    }

    /** Sends {@code request} through {@code exchange} and follows any Block2 answer to its end or its bound. */
    public static Future<Response> send(Function<Request, Future<Response>> exchange, Request request) {
        return new Block2Transfer(exchange, request).next(request);
    }

    private Future<Response> next(Request request) {
        return exchange.apply(request).compose(this::onBlock);
    }

    private Future<Response> onBlock(Response response) {
        BlockOption block = response.getOptions().getBlock2();
        if (block == null || (!block.isM() && blocks == 0)) {
            return Future.succeededFuture(response);
        }
        blocks++;
        body.writeBytes(response.getPayload());
        if (!block.isM()) {
            response.setPayload(body.toByteArray());
            return Future.succeededFuture(response);
        }
        if (blocks >= MAX_BLOCKS || body.size() >= MAX_BYTES) {
            return Future.failedFuture(new CoapFailure(FailureCause.BLOCK2_TOO_LARGE,
                    "the server announced more than " + blocks + " blocks (" + body.size() + " bytes)"));
        }
        return next(continuation(block));
    }

    private Request continuation(BlockOption received) {
        Request request = new Request(original.getCode());
        request.setOptions(new OptionSet(original.getOptions()));
        request.getOptions().setBlock2(received.getSzx(), false, received.getNum() + 1);
        request.setPayload(original.getPayload());
        return request;
    }
}
