package io.fleetsim.server.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserver;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;

import io.fleetsim.base.ObjectModels;
import io.fleetsim.base.ServerAccountObject;

/**
 * One client's bootstrap, from the 2.04 to its Bootstrap-Request to the answer to Bootstrap-Finish:
 * one request to the client at a time, each sent when the previous one was answered as expected.
 * Callbacks come on Californium's threads; the session's state is guarded by its monitor.
 */
final class BootstrapSession {

    /** The Security instance the LwM2M server account is written to. */
    static final int SECURITY_INSTANCE = 1;
    /** The Server instance of that account. */
    static final int SERVER_INSTANCE = 0;

    private static final LwM2mEncoder ENCODER = new DefaultLwM2mEncoder();
    private static final List<ContentFormat> WRITE_FORMATS = List.of(ContentFormat.TLV, ContentFormat.SENML_CBOR,
            ContentFormat.SENML_JSON);

    /** A request of the session, with the answer LwM2M prescribes for it. */
    private record Step(String name, Request request, ResponseCode expected) {
    }

    private final EmbeddedBootstrapServer server;
    private final String endpoint;
    private final List<Step> steps;
    private final Endpoint coapEndpoint;
    private final EndpointContext peer;
    private final long deadlineNanos;
    private int next;
    private Step current;
    private boolean done;

    BootstrapSession(EmbeddedBootstrapServer server, String endpoint, BootstrapConfig config, ContentFormat format,
            Endpoint coapEndpoint, EndpointContext peer, long deadlineNanos) {
        this.server = server;
        this.endpoint = endpoint;
        this.coapEndpoint = coapEndpoint;
        this.peer = peer;
        this.deadlineNanos = deadlineNanos;
        this.steps = List.of(
                new Step("Bootstrap-Delete /0", delete(LwM2mId.SECURITY), ResponseCode.DELETED),
                new Step("Bootstrap-Delete /1", delete(LwM2mId.SERVER), ResponseCode.DELETED),
                new Step("Bootstrap-Write /0/" + SECURITY_INSTANCE,
                        write(new LwM2mPath(LwM2mId.SECURITY, SECURITY_INSTANCE), securityInstance(config), format),
                        ResponseCode.CHANGED),
                new Step("Bootstrap-Write /1/" + SERVER_INSTANCE,
                        write(new LwM2mPath(LwM2mId.SERVER, SERVER_INSTANCE), serverInstance(config), format),
                        ResponseCode.CHANGED),
                new Step("Bootstrap-Finish", finish(), ResponseCode.CHANGED));
    }

    /** The format of the Writes: the client's preferred one ({@code pct}) when it is TLV, SenML CBOR or JSON; else TLV. */
    static ContentFormat writeFormat(String pct) {
        if (pct != null) {
            try {
                ContentFormat asked = ContentFormat.fromCode(Integer.parseInt(pct));
                if (WRITE_FORMATS.contains(asked)) {
                    return asked;
                }
            } catch (NumberFormatException e) {
                // not a number: the default format
            }
        }
        return ContentFormat.TLV;
    }

    /** The Security instance of the account (LwM2M 1.1 Core §E.1). */
    static LwM2mObjectInstance securityInstance(BootstrapConfig config) {
        byte[] identity = config.pskIdentity() == null ? new byte[0]
                : config.pskIdentity().getBytes(StandardCharsets.UTF_8);
        byte[] key = config.pskKey() == null ? new byte[0] : config.pskKey();
        return new LwM2mObjectInstance(SECURITY_INSTANCE,
                LwM2mSingleResource.newStringResource(LwM2mId.SEC_SERVER_URI, config.serverUri()),
                LwM2mSingleResource.newBooleanResource(LwM2mId.SEC_BOOTSTRAP, false),
                LwM2mSingleResource.newIntegerResource(LwM2mId.SEC_SECURITY_MODE, config.mode().code()),
                LwM2mSingleResource.newBinaryResource(LwM2mId.SEC_PUBKEY_IDENTITY, identity),
                LwM2mSingleResource.newBinaryResource(LwM2mId.SEC_SERVER_PUBKEY, new byte[0]),
                LwM2mSingleResource.newBinaryResource(LwM2mId.SEC_SECRET_KEY, key),
                LwM2mSingleResource.newIntegerResource(LwM2mId.SEC_SERVER_ID, config.shortServerId()));
    }

    /** The Server instance of the account (LwM2M 1.1 Core §E.2). */
    static LwM2mObjectInstance serverInstance(BootstrapConfig config) {
        return new LwM2mObjectInstance(SERVER_INSTANCE,
                ServerAccountObject.resources(config.shortServerId(), config.lifetimeSeconds(), config.binding()));
    }

    String endpoint() {
        return endpoint;
    }

    /** Sends the first request. */
    synchronized void begin() {
        sendNext();
    }

    /** Fails the session with {@link BootstrapFailure#TIMEOUT} if its deadline has passed at {@code nowNanos}. */
    synchronized void expireIfLate(long nowNanos) {
        if (!done && nowNanos - deadlineNanos >= 0) {
            fail(BootstrapFailure.TIMEOUT, (current == null ? "session" : current.name())
                    + " unanswered when the session timed out");
        }
    }

    /** Ends the session as failed, cancelling its pending request; nothing when it already ended. */
    synchronized void fail(BootstrapFailure cause, String detail) {
        if (done) {
            return;
        }
        done = true;
        if (current != null) {
            current.request().cancel();
        }
        server.failed(this, cause, detail);
    }

    private void sendNext() {
        if (done) {
            return;
        }
        if (next == steps.size()) {
            done = true;
            current = null;
            server.finished(this);
            return;
        }
        Step step = steps.get(next++);
        current = step;
        Request request = step.request();
        request.setDestinationContext(peer);
        request.addMessageObserver(new StepObserver(step));
        coapEndpoint.sendRequest(request);
    }

    private synchronized void answered(Step step, Response response) {
        if (done || step != current) {
            return;
        }
        if (response.getCode() != step.expected()) {
            fail(BootstrapFailure.REFUSED, step.name() + " answered " + response.getCode().text + " "
                    + response.getCode().name() + " (expected " + step.expected().text + ")");
            return;
        }
        sendNext();
    }

    private synchronized void undelivered(Step step, BootstrapFailure cause, String detail) {
        if (!done && step == current) {
            fail(cause, step.name() + " " + detail);
        }
    }

    private final class StepObserver implements MessageObserver {
        private final Step step;

        StepObserver(Step step) {
            this.step = step;
        }

        @Override
        public void onResponse(Response response) {
            answered(step, response);
        }

        @Override
        public void onReject() {
            undelivered(step, BootstrapFailure.UNREACHABLE, "rejected by the client (RST)");
        }

        @Override
        public void onTimeout() {
            undelivered(step, BootstrapFailure.TIMEOUT, "unanswered after CoAP's retransmissions");
        }

        @Override
        public void onSendError(Throwable error) {
            undelivered(step, BootstrapFailure.UNREACHABLE, "could not be sent: " + error.getMessage());
        }
    }

    private static Request delete(int objectId) {
        Request request = Request.newDelete();
        request.getOptions().addUriPath(Integer.toString(objectId));
        return request;
    }

    private static Request write(LwM2mPath path, LwM2mNode node, ContentFormat format) {
        Request request = Request.newPut();
        request.getOptions().addUriPath(Integer.toString(path.getObjectId()))
                .addUriPath(Integer.toString(path.getObjectInstanceId()));
        request.getOptions().setContentFormat(format.getCode());
        request.setPayload(ENCODER.encode(node, format, null, path, ObjectModels.DEVICE_MODEL));
        return request;
    }

    private static Request finish() {
        Request request = Request.newPost();
        request.getOptions().addUriPath(EmbeddedBootstrapServer.BOOTSTRAP_RESOURCE);
        return request;
    }

}
