package io.fleetsim.device;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.request.ContentFormat;

import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.FailureCause;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * One client-initiated bootstrap of a device (LwM2M 1.1 Core §5.2.7, §6.1; Transport §6.4): the
 * Bootstrap-Request {@code POST /bs?ep=<endpoint>} to the bootstrap server, then the server's
 * requests until its Bootstrap-Finish:
 * <ul>
 * <li>Bootstrap-Write (PUT) of /0, /1, their instances and resources, in any format the device
 *     decodes (TLV, SenML CBOR and JSON, LwM2M JSON...): 2.04; elsewhere 4.04; a payload that does not
 *     decode 4.00, a format the device cannot decode 4.15;</li>
 * <li>Bootstrap-Delete of the root, /0, /1 and their instances: 2.02, the bootstrap-server account
 *     kept; deleting that account by its path 4.00; other paths 4.00;</li>
 * <li>Bootstrap-Discover (GET, Accept link-format) of the root, /0 or /1: 2.05 with the links;</li>
 * <li>Bootstrap-Read of /1 or /1/x: 2.05 (TLV unless the server asks otherwise); of any other path 4.01;</li>
 * <li>Bootstrap-Finish ({@code POST /bs}): 2.04 when the device holds a usable server account, 4.06
 *     Not Acceptable when not;</li>
 * <li>anything else (Execute, Create, Observe, Write-Attributes, FETCH...): 4.05.</li>
 * </ul>
 * The outcome is the handed-out {@link ServerAccount}, or a {@link CoapFailure} with the bootstrap
 * failure cause: the Bootstrap-Request's own ({@code timeout}, {@code error-response:<code>},
 * {@code handshake}...), {@code no-finish} when no Bootstrap-Finish came within the finish timeout
 * of the answer to the Bootstrap-Request, {@code bad-config}, {@code unsupported-security-mode} or
 * {@code unsupported-transport} for what Finish left. Runs on the device's event loop.
 */
final class BootstrapSession {

    private final SimClock clock;
    private final String endpoint;
    private final long finishTimeoutMillis;
    private final BootstrapConfig config;
    private final Supplier<List<String>> otherObjects;
    private final Promise<ServerAccount> outcome = Promise.promise();
    private long finishTimer = -1;
    private boolean finished;

    /**
     * @param otherObjects the device's objects other than /0 and /1 as link entries, for Discover
     */
    BootstrapSession(SimClock clock, String endpoint, long finishTimeoutMillis, BootstrapConfig config,
            Supplier<List<String>> otherObjects) {
        this.clock = clock;
        this.endpoint = endpoint;
        this.finishTimeoutMillis = finishTimeoutMillis;
        this.config = config;
        this.otherObjects = otherObjects;
    }

    /** Opens {@code channel} (to the bootstrap server) and sends the Bootstrap-Request; completes at Finish or failure. */
    Future<ServerAccount> run(CoapChannel channel) {
        channel.open().compose(v -> channel.send(bootstrapRequest())).onComplete(ar -> {
            if (outcome.future().isComplete() || finished) {
                return; // the server's Finish overtook the answer to the request
            }
            if (ar.failed()) {
                fail(ar.cause() instanceof CoapFailure failure ? failure
                        : new CoapFailure(CoapFailure.causeOf(ar.cause()), String.valueOf(ar.cause().getMessage())));
            } else if (ar.result().getCode() != ResponseCode.CHANGED) {
                fail(CoapFailure.errorResponse(CoAP.formatCode(ar.result().getCode().value)));
            } else {
                finishTimer = clock.schedule(finishTimeoutMillis, id -> {
                    finishTimer = -1;
                    fail(new CoapFailure(FailureCause.NO_FINISH, "no Bootstrap-Finish within "
                            + finishTimeoutMillis + " ms of the answer to the Bootstrap-Request"));
                });
            }
        });
        return outcome.future();
    }

    /** Gives up the session (the device stops): its timer is cancelled; the outcome fails with {@code closed}. */
    void cancel() {
        cancelTimer();
        outcome.tryFail(new CoapFailure(FailureCause.CLOSED, "the device stopped while bootstrapping"));
    }

    private void fail(CoapFailure failure) {
        cancelTimer();
        outcome.tryFail(failure);
    }

    private void cancelTimer() {
        if (finishTimer >= 0) {
            clock.cancel(finishTimer);
            finishTimer = -1;
        }
    }

    private Request bootstrapRequest() {
        Request request = Request.newPost();
        request.getOptions().addUriPath("bs");
        request.getOptions().addUriQuery("ep=" + endpoint);
        return request;
    }

    /** Answers a request of the bootstrap server. */
    Response handle(Request request) {
        String uriPath = request.getOptions().getUriPathString();
        if (request.getCode() == Code.POST && uriPath.equals("bs")) {
            return finish();
        }
        boolean root = uriPath.isEmpty();
        Integer[] ids = root ? null : ServerRequestHandler.parsePath(uriPath);
        if (!root && ids == null) {
            return new Response(ResponseCode.NOT_FOUND);
        }
        LwM2mPath path = root ? null : ServerRequestHandler.path(ids);
        return switch (request.getCode()) {
            case PUT -> write(request, path);
            case DELETE -> delete(path);
            case GET -> get(request, path);
            default -> new Response(ResponseCode.METHOD_NOT_ALLOWED);
        };
    }

    private Response write(Request request, LwM2mPath path) {
        if (path == null || !BootstrapConfig.holds(path.getObjectId()) || path.isResourceInstance()) {
            return new Response(path == null ? ResponseCode.METHOD_NOT_ALLOWED : ResponseCode.NOT_FOUND);
        }
        if (!request.getOptions().hasContentFormat() || request.getPayloadSize() == 0) {
            return new Response(ResponseCode.BAD_REQUEST);
        }
        ContentFormat format = ContentFormat.fromCode(request.getOptions().getContentFormat());
        if (!ServerRequestHandler.canDecode(format)) {
            return new Response(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        }
        LwM2mNode node;
        try {
            node = ServerRequestHandler.decode(request.getPayload(), format, path);
        } catch (CodecException | IllegalArgumentException e) {
            return new Response(ResponseCode.BAD_REQUEST);
        }
        return new Response(config.write(path, node) ? ResponseCode.CHANGED : ResponseCode.BAD_REQUEST);
    }

    private Response delete(LwM2mPath path) {
        if (path != null && (!BootstrapConfig.holds(path.getObjectId()) || path.isResource())) {
            return new Response(ResponseCode.BAD_REQUEST);
        }
        return new Response(config.delete(path) ? ResponseCode.DELETED : ResponseCode.BAD_REQUEST);
    }

    private Response get(Request request, LwM2mPath path) {
        boolean discover = request.getOptions().hasAccept()
                && request.getOptions().getAccept() == MediaTypeRegistry.APPLICATION_LINK_FORMAT;
        if (discover) {
            if (path != null && (!BootstrapConfig.holds(path.getObjectId()) || !path.isObject())) {
                return new Response(ResponseCode.BAD_REQUEST);
            }
            Response response = new Response(ResponseCode.CONTENT);
            response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            response.setPayload(config.discover(path, otherObjects.get()));
            return response;
        }
        if (path == null || path.getObjectId() != LwM2mId.SERVER || path.isResource()) {
            return new Response(ResponseCode.UNAUTHORIZED); // Bootstrap-Read is for /1 only here
        }
        LwM2mNode node = config.readServer(path);
        if (node == null) {
            return new Response(ResponseCode.NOT_FOUND);
        }
        ContentFormat format = request.getOptions().hasAccept()
                ? ContentFormat.fromCode(request.getOptions().getAccept()) : ContentFormat.TLV;
        if (format == null || !ServerRequestHandler.canEncode(format)) {
            return new Response(ResponseCode.NOT_ACCEPTABLE);
        }
        Response response = new Response(ResponseCode.CONTENT);
        response.getOptions().setContentFormat(format.getCode());
        try {
            response.setPayload(ServerRequestHandler.encode(node, format, path));
        } catch (CodecException e) {
            return new Response(ResponseCode.NOT_ACCEPTABLE);
        }
        return response;
    }

    /**
     * Bootstrap-Finish: 2.04 and the outcome a moment later, once the answer is out (the device
     * then closes its path to the bootstrap server); 4.06 when the configuration holds no usable
     * account. A certificate account or a coap+tcp server is a consistent configuration the device
     * cannot use: 2.04, and the attempt fails with its own cause.
     */
    private Response finish() {
        if (outcome.future().isComplete() || finished) {
            return new Response(ResponseCode.CHANGED); // a repeated Finish
        }
        finished = true;
        cancelTimer();
        ServerAccount account;
        try {
            account = config.serverAccount();
        } catch (CoapFailure failure) {
            clock.schedule(0, id -> outcome.tryFail(failure));
            return new Response(failure.cause().kind() == FailureCause.BAD_CONFIG ? ResponseCode.NOT_ACCEPTABLE
                    : ResponseCode.CHANGED);
        }
        clock.schedule(0, id -> outcome.tryComplete(account));
        return new Response(ResponseCode.CHANGED);
    }
}
