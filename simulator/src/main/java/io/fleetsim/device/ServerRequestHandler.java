package io.fleetsim.device;

import java.util.List;
import java.util.function.Function;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.RetryPolicy;

/**
 * Answers the LwM2M server's requests to a device: Read of the Server and Device objects in the
 * content format the server asks for (TLV, SenML-JSON, SenML-CBOR, LwM2M-JSON, text for single
 * resources), 4.04 for paths the device does not have, 4.05 for operations it does not support,
 * 4.06 for formats it cannot write.
 */
public final class ServerRequestHandler {

    private static final LwM2mEncoder ENCODER = new DefaultLwM2mEncoder();

    private final ShardMetrics metrics;
    /** How a group's devices retry a failed registration, for the Server object's retry resources. */
    private final Function<DeviceGroup, RetryPolicy> registrationRetry;

    public ServerRequestHandler(ShardMetrics metrics) {
        this(metrics, DeviceGroup::registrationRetry);
    }

    public ServerRequestHandler(ShardMetrics metrics, Function<DeviceGroup, RetryPolicy> registrationRetry) {
        this.metrics = metrics;
        this.registrationRetry = registrationRetry;
    }

    public Response handle(DeviceIdentity device, long lifetimeSeconds, Request request) {
        Integer[] ids = parsePath(request.getOptions().getUriPathString());
        if (ids == null) {
            return notFound();
        }
        LwM2mNode node = DeviceObjects.read(device, lifetimeSeconds, registrationRetry.apply(device.group()),
                ids[0], ids[1], ids[2]);
        if (node == null) {
            return notFound();
        }
        if (request.getCode() != Code.GET) {
            metrics.increment(Counter.METHOD_NOT_ALLOWED_SERVED);
            return new Response(ResponseCode.METHOD_NOT_ALLOWED);
        }
        ContentFormat format = chooseFormat(request, node);
        if (format == null || !ENCODER.isSupported(format)) {
            return new Response(ResponseCode.NOT_ACCEPTABLE);
        }
        try {
            byte[] payload = ENCODER.encode(node, format, null, path(ids), DeviceObjects.MODEL);
            Response response = new Response(ResponseCode.CONTENT);
            response.getOptions().setContentFormat(format.getCode());
            response.setPayload(payload);
            metrics.increment(Counter.READS_SERVED);
            return response;
        } catch (CodecException e) {
            return new Response(ResponseCode.NOT_ACCEPTABLE);
        }
    }

    private Response notFound() {
        metrics.increment(Counter.NOT_FOUND_SERVED);
        return new Response(ResponseCode.NOT_FOUND);
    }

    private static ContentFormat chooseFormat(Request request, LwM2mNode node) {
        if (request.getOptions().hasAccept()) {
            return ContentFormat.fromCode(request.getOptions().getAccept());
        }
        return node instanceof LwM2mResource resource && !resource.isMultiInstances()
                ? ContentFormat.TEXT : ContentFormat.TLV;
    }

    /** Object, instance and resource ids of a path of 1 to 3 numeric segments; null otherwise. */
    static Integer[] parsePath(String uriPath) {
        List<String> segments = uriPath.isEmpty() ? List.of() : List.of(uriPath.split("/", -1));
        if (segments.isEmpty() || segments.size() > 3) {
            return null;
        }
        Integer[] ids = new Integer[3];
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

    private static LwM2mPath path(Integer[] ids) {
        if (ids[1] == null) {
            return new LwM2mPath(ids[0]);
        }
        return ids[2] == null ? new LwM2mPath(ids[0], ids[1]) : new LwM2mPath(ids[0], ids[1], ids[2]);
    }
}
