package io.fleetsim.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mDecoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.base.ObjectModels;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.RetryPolicy;

/**
 * Answers the LwM2M server's requests to a device (LwM2M 1.1 Device Management and Information
 * Reporting interfaces): Read in the content format the server asks for (TLV, SenML-JSON,
 * SenML-CBOR, LwM2M-JSON, text for single resources), Discover, Write (replace and partial update)
 * of writable resources, Execute, Write-Attributes, Create and Delete of instances of
 * multi-instance objects, Observe and its cancellation, Read-Composite and Observe-Composite
 * (FETCH). Every request gets an answer: 4.04 for
 * paths the device does not have, 4.05 for operations the path does not allow, 4.00 for payloads
 * or attributes it cannot take, 4.06 for formats it cannot write, 4.15 for formats it cannot read.
 */
public final class ServerRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRequestHandler.class);
    private static final LwM2mEncoder ENCODER = new DefaultLwM2mEncoder();
    private static final LwM2mDecoder DECODER = new DefaultLwM2mDecoder();
    private static final int OBSERVE_REGISTER = 0;
    private static final int OBSERVE_DEREGISTER = 1;

    private final ShardMetrics metrics;
    private final FirmwareUpdate.Events firmwareEvents;

    public ServerRequestHandler(ShardMetrics metrics) {
        this.metrics = metrics;
        this.firmwareEvents = new FirmwareUpdate.Events() {
            @Override
            public void started() {
                metrics.increment(Counter.FIRMWARE_STARTED);
            }

            @Override
            public void downloaded() {
                metrics.increment(Counter.FIRMWARE_DOWNLOADED);
            }

            @Override
            public void downloadFailed() {
                metrics.increment(Counter.FIRMWARE_FAILED);
            }

            @Override
            public void succeeded() {
                metrics.increment(Counter.FIRMWARE_SUCCEEDED);
            }
        };
    }

    /** The answer to {@code request}; a fault of the device's own answers 5.00, never silence. */
    Response handle(ServedDevice device, Request request) {
        try {
            return dispatch(device, request);
        } catch (RuntimeException e) {
            LOG.debug("5.00 for {} {}", request.getCode(), request.getOptions().getUriPathString(), e);
            Response response = new Response(ResponseCode.INTERNAL_SERVER_ERROR);
            response.setPayload(String.valueOf(e.getMessage()));
            return response;
        }
    }

    private Response dispatch(ServedDevice device, Request request) {
        if (request.getCode() == Code.FETCH && request.getOptions().getUriPathString().isEmpty()) {
            return fetch(device, request);
        }
        Integer[] ids = parsePath(request.getOptions().getUriPathString());
        if (ids == null || !device.objects().hasObject(ids[0])) {
            return notFound();
        }
        LwM2mPath path = path(ids);
        if (path.isResourceInstance() && request.getCode() != Code.GET) {
            return device.objects().read(path, device.nowMillis()) == null ? notFound() : notAllowed();
        }
        return switch (request.getCode()) {
            case GET -> get(device, request, path);
            case PUT -> request.getOptions().getURIQueryCount() > 0 && request.getPayloadSize() == 0
                    ? writeAttributes(device, request, path) : write(device, request, path, true);
            case POST -> path.isResource() ? execute(device, path)
                    : path.isObjectInstance() ? write(device, request, path, false) : create(device, request, path);
            case DELETE -> delete(device, path);
            default -> notAllowed();
        };
    }

    /** FETCH on the root: Read-Composite, or Observe-Composite with an Observe option (LwM2M 1.1). */
    private Response fetch(ServedDevice device, Request request) {
        if (!request.getOptions().hasContentFormat() || request.getPayloadSize() == 0) {
            return badRequest();
        }
        ContentFormat requestFormat = ContentFormat.fromCode(request.getOptions().getContentFormat());
        if (!DECODER.isSupported(requestFormat)) {
            return new Response(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        }
        List<LwM2mPath> paths;
        try {
            paths = DECODER.decodePaths(request.getPayload(), requestFormat, null);
        } catch (CodecException | IllegalArgumentException e) {
            return badRequest();
        }
        Map<LwM2mPath, LwM2mNode> nodes = Observations.read(device.objects(), paths, device.nowMillis());
        if (paths.isEmpty() || nodes.isEmpty()) {
            return notFound();
        }
        ContentFormat format = request.getOptions().hasAccept()
                ? ContentFormat.fromCode(request.getOptions().getAccept()) : requestFormat;
        byte[] payload;
        try {
            payload = encode(nodes, format);
        } catch (CodecException | IllegalArgumentException e) {
            return new Response(ResponseCode.NOT_ACCEPTABLE);
        }
        Response response = new Response(ResponseCode.CONTENT);
        response.getOptions().setContentFormat(format.getCode());
        response.setPayload(payload);
        Integer observe = request.getOptions().getObserve();
        Observations observations = device.observations();
        if (observe != null && observe == OBSERVE_REGISTER && observations != null) {
            observations.startComposite(request.getToken(), paths, format, response);
            metrics.increment(Counter.OBSERVES_SERVED);
        } else if (observe != null && observe == OBSERVE_DEREGISTER && observations != null
                && observations.cancel(request.getToken())) {
            metrics.increment(Counter.OBSERVE_CANCELS_SERVED);
        } else {
            metrics.increment(Counter.READS_SERVED);
        }
        return response;
    }

    private Response get(ServedDevice device, Request request, LwM2mPath path) {
        if (request.getOptions().hasAccept()
                && request.getOptions().getAccept() == MediaTypeRegistry.APPLICATION_LINK_FORMAT) {
            String links = device.objects().discover(path, device.nowMillis());
            if (links == null) {
                return notFound();
            }
            metrics.increment(Counter.DISCOVERS_SERVED);
            Response response = new Response(ResponseCode.CONTENT);
            response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            response.setPayload(links);
            return response;
        }
        LwM2mNode node = device.objects().read(path, device.nowMillis());
        if (node == null) {
            ResourceModel model = path.isResource()
                    ? device.objects().resourceModel(path.getObjectId(), path.getResourceId()) : null;
            return model != null && !model.operations.isReadable() && readableInstance(device, path)
                    ? notAllowed() : notFound();
        }
        ContentFormat format = chooseFormat(request, node);
        if (format == null || !ENCODER.isSupported(format)) {
            return new Response(ResponseCode.NOT_ACCEPTABLE);
        }
        byte[] payload;
        try {
            payload = encode(node, format, path);
        } catch (CodecException e) {
            return new Response(ResponseCode.NOT_ACCEPTABLE);
        }
        Response response = new Response(ResponseCode.CONTENT);
        response.getOptions().setContentFormat(format.getCode());
        response.setPayload(payload);
        Integer observe = request.getOptions().getObserve();
        Observations observations = device.observations();
        if (observe != null && observe == OBSERVE_REGISTER && observations != null) {
            observations.start(request.getToken(), path, format, response, node);
            metrics.increment(Counter.OBSERVES_SERVED);
        } else if (observe != null && observe == OBSERVE_DEREGISTER && observations != null
                && observations.cancel(request.getToken())) {
            metrics.increment(Counter.OBSERVE_CANCELS_SERVED);
        } else {
            metrics.increment(Counter.READS_SERVED);
        }
        return response;
    }

    private static boolean readableInstance(ServedDevice device, LwM2mPath path) {
        return device.objects().read(new LwM2mPath(path.getObjectId(), path.getObjectInstanceId()), 0) != null;
    }

    private Response write(ServedDevice device, Request request, LwM2mPath path, boolean replace) {
        if (path.isObject()) {
            return notAllowed(); // Write on an object is for bootstrap only
        }
        if (device.objects().read(path, device.nowMillis()) == null && !writableAbsentResource(device, path)) {
            return notFound();
        }
        if (path.isResource()) {
            ResourceModel model = device.objects().resourceModel(path.getObjectId(), path.getResourceId());
            if (model == null || !model.operations.isWritable()) {
                return notAllowed();
            }
        }
        if (!request.getOptions().hasContentFormat() || request.getPayloadSize() == 0) {
            return badRequest();
        }
        ContentFormat format = ContentFormat.fromCode(request.getOptions().getContentFormat());
        if (!DECODER.isSupported(format)) {
            return new Response(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        }
        List<LwM2mResource> resources = new ArrayList<>();
        try {
            LwM2mNode node = DECODER.decode(request.getPayload(), format, null, path, ObjectModels.DEVICE_MODEL);
            if (node instanceof LwM2mResource resource) {
                resources.add(resource);
            } else if (node instanceof LwM2mObjectInstance instance) {
                resources.addAll(instance.getResources().values());
            } else {
                return badRequest();
            }
        } catch (CodecException | IllegalArgumentException e) {
            return badRequest();
        }
        FirmwareUpdate firmware = path.getObjectId() == 5 ? device.objects().firmware() : null;
        if (firmware != null && !firmware.writable()) {
            return notAllowed(); // no new package while Updating
        }
        ObjectTree.Outcome outcome = device.objects().write(path.getObjectId(), path.getObjectInstanceId(),
                resources, replace && path.isObjectInstance());
        if (outcome != ObjectTree.Outcome.DONE) {
            return answer(outcome);
        }
        metrics.increment(Counter.WRITES_SERVED);
        if (firmware != null) {
            firmwareWritten(device, firmware, resources);
        }
        if (device.observations() != null) {
            device.observations().changed(path);
        }
        return new Response(ResponseCode.CHANGED);
    }

    /** A writable resource the device does not report until written (e.g. /5/0/0 Package). */
    private static boolean writableAbsentResource(ServedDevice device, LwM2mPath path) {
        if (!path.isResource() || !readableInstance(device, path)) {
            return false;
        }
        ResourceModel model = device.objects().resourceModel(path.getObjectId(), path.getResourceId());
        return model != null && model.operations.isWritable();
    }

    /** A written Package URI (/5/0/1) or Package (/5/0/0) drives the Firmware Update state machine. */
    private void firmwareWritten(ServedDevice device, FirmwareUpdate firmware, List<LwM2mResource> resources) {
        for (LwM2mResource resource : resources) {
            if (resource.getId() == 1) {
                firmware.packageUri(String.valueOf(resource.getValue()), device.firmwareHost(), firmwareEvents);
            } else if (resource.getId() == 0) {
                int length = resource.getValue() instanceof byte[] bytes ? bytes.length : 0;
                firmware.packagePushed(length, device.firmwareHost(), firmwareEvents);
            }
        }
    }

    private Response writeAttributes(ServedDevice device, Request request, LwM2mPath path) {
        if (device.objects().read(path, device.nowMillis()) == null) {
            return notFound();
        }
        NotificationAttributes attributes;
        try {
            attributes = NotificationAttributes.parse(request.getOptions().getUriQueryStrings(),
                    device.objects().attributesAt(path));
        } catch (IllegalArgumentException e) {
            Response response = badRequest();
            response.setPayload(e.getMessage());
            return response;
        }
        device.objects().setAttributes(path, attributes);
        metrics.increment(Counter.WRITE_ATTRIBUTES_SERVED);
        if (device.observations() != null) {
            device.observations().changed(path);
        }
        return new Response(ResponseCode.CHANGED);
    }

    private Response execute(ServedDevice device, LwM2mPath path) {
        if (!readableInstance(device, path)) {
            return notFound();
        }
        ResourceModel model = device.objects().resourceModel(path.getObjectId(), path.getResourceId());
        if (model == null) {
            return notFound();
        }
        if (!model.operations.isExecutable()) {
            return notAllowed();
        }
        int objectId = path.getObjectId();
        int resourceId = path.getResourceId();
        if (objectId == 3 && resourceId == 4) {
            device.reboot();
        } else if (objectId == 1 && resourceId == 8) {
            device.triggerUpdate();
        } else if (objectId == 5 && resourceId == 2) {
            FirmwareUpdate firmware = device.objects().firmware();
            if (firmware == null || !firmware.update(device.firmwareHost(), firmwareEvents)) {
                // Update is only allowed in State 2 Downloaded (LwM2M 1.1 Core Appendix E.6)
                return notAllowed();
            }
        } else if (resourceId == 5605) {
            device.objects().resetExtremes(objectId, path.getObjectInstanceId(), device.nowMillis());
        }
        metrics.increment(Counter.EXECUTES_SERVED);
        return new Response(ResponseCode.CHANGED);
    }

    private Response create(ServedDevice device, Request request, LwM2mPath path) {
        int objectId = path.getObjectId();
        if (objectId == 1 || objectId == 3 || !device.objects().model(objectId).multiple) {
            return notAllowed();
        }
        if (!request.getOptions().hasContentFormat()) {
            return badRequest();
        }
        ContentFormat format = ContentFormat.fromCode(request.getOptions().getContentFormat());
        if (!DECODER.isSupported(format)) {
            return new Response(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        }
        Integer wantedId = null;
        List<LwM2mResource> resources = new ArrayList<>();
        if (request.getPayloadSize() > 0) {
            try {
                LwM2mObject object = DECODER.decode(request.getPayload(), format, null, path,
                        ObjectModels.DEVICE_MODEL, LwM2mObject.class);
                if (object.getInstances().size() > 1) {
                    return badRequest();
                }
                for (LwM2mObjectInstance instance : object.getInstances().values()) {
                    wantedId = instance.getId() == LwM2mObjectInstance.UNDEFINED ? null : instance.getId();
                    resources.addAll(instance.getResources().values());
                }
            } catch (CodecException | IllegalArgumentException e) {
                return badRequest();
            }
        }
        int id = device.objects().create(objectId, wantedId, resources);
        if (id == -1) {
            return notAllowed();
        }
        if (id == -2) {
            return badRequest(); // the instance exists already
        }
        metrics.increment(Counter.CREATES_SERVED);
        Response response = new Response(ResponseCode.CREATED);
        response.getOptions().setLocationPath(objectId + "/" + id);
        return response;
    }

    private Response delete(ServedDevice device, LwM2mPath path) {
        if (!path.isObjectInstance()) {
            return device.objects().read(path, device.nowMillis()) == null ? notFound() : notAllowed();
        }
        ObjectTree.Outcome outcome = device.objects().delete(path.getObjectId(), path.getObjectInstanceId());
        if (outcome != ObjectTree.Outcome.DONE) {
            return answer(outcome);
        }
        metrics.increment(Counter.DELETES_SERVED);
        if (device.observations() != null) {
            device.observations().changed(path);
        }
        return new Response(ResponseCode.DELETED);
    }

    private Response answer(ObjectTree.Outcome outcome) {
        return switch (outcome) {
            case NOT_FOUND -> notFound();
            case NOT_ALLOWED -> notAllowed();
            default -> badRequest();
        };
    }

    private Response notFound() {
        metrics.increment(Counter.NOT_FOUND_SERVED);
        return new Response(ResponseCode.NOT_FOUND);
    }

    private Response notAllowed() {
        metrics.increment(Counter.METHOD_NOT_ALLOWED_SERVED);
        return new Response(ResponseCode.METHOD_NOT_ALLOWED);
    }

    private Response badRequest() {
        metrics.increment(Counter.BAD_REQUESTS_SERVED);
        return new Response(ResponseCode.BAD_REQUEST);
    }

    /** Several nodes in {@code format} (SenML), as the device's model describes them. */
    static byte[] encode(Map<LwM2mPath, LwM2mNode> nodes, ContentFormat format) {
        return ENCODER.encodeNodes(nodes, format, null, ObjectModels.DEVICE_MODEL);
    }

    /** The node in {@code format}, as the device's model describes it. */
    static byte[] encode(LwM2mNode node, ContentFormat format, LwM2mPath path) {
        return ENCODER.encode(node, format, null, path, ObjectModels.DEVICE_MODEL);
    }

    private static ContentFormat chooseFormat(Request request, LwM2mNode node) {
        if (request.getOptions().hasAccept()) {
            return ContentFormat.fromCode(request.getOptions().getAccept());
        }
        return node instanceof LwM2mResource resource && !resource.isMultiInstances()
                || node instanceof org.eclipse.leshan.core.node.LwM2mResourceInstance
                ? ContentFormat.TEXT : ContentFormat.TLV;
    }

    /** Object, instance, resource and resource instance ids of a path of 1 to 4 numeric segments; null otherwise. */
    static Integer[] parsePath(String uriPath) {
        List<String> segments = uriPath.isEmpty() ? List.of() : List.of(uriPath.split("/", -1));
        if (segments.isEmpty() || segments.size() > 4) {
            return null;
        }
        Integer[] ids = new Integer[4];
        for (int i = 0; i < segments.size(); i++) {
            try {
                ids[i] = Integer.valueOf(segments.get(i));
            } catch (NumberFormatException e) {
                return null;
            }
            if (ids[i] < 0 || ids[i] > 65535) {
                return null;
            }
        }
        return ids;
    }

    /** The node a Write's payload holds for {@code path}, decoded with the device's models. */
    static LwM2mNode decode(byte[] payload, ContentFormat format, LwM2mPath path) {
        return DECODER.decode(payload, format, null, path, ObjectModels.DEVICE_MODEL);
    }

    /** Whether the device can decode a payload in {@code format}. */
    static boolean canDecode(ContentFormat format) {
        return DECODER.isSupported(format);
    }

    /** Whether the device can encode a payload in {@code format}. */
    static boolean canEncode(ContentFormat format) {
        return ENCODER.isSupported(format);
    }

    static LwM2mPath path(Integer[] ids) {
        if (ids[1] == null) {
            return new LwM2mPath(ids[0]);
        }
        if (ids[2] == null) {
            return new LwM2mPath(ids[0], ids[1]);
        }
        return ids[3] == null ? new LwM2mPath(ids[0], ids[1], ids[2]) : new LwM2mPath(ids[0], ids[1], ids[2], ids[3]);
    }
}
