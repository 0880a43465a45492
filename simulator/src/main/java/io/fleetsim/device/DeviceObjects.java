package io.fleetsim.device;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;

import io.fleetsim.scenario.RetryPolicy;
import io.fleetsim.scenario.Transport;

/**
 * The LwM2M objects a virtual device exposes: Server (/1/0) and Device (/3/0). Values are derived
 * from the device's identity when read, so a device holds no object tree in memory.
 */
public final class DeviceObjects {

    /** The object model of LwM2M's core objects, shared by every device (read-only). */
    public static final LwM2mModel MODEL = new StaticModel(ObjectLoader.loadDefault());

    /** The object links sent in the Register payload. */
    public static final String OBJECT_LINKS = "</1/0>,</3/0>";

    private DeviceObjects() {
    }

    /**
     * The LwM2M 1.1 binding of a device on {@code transport}: {@code T} over TCP and TLS (CoAP
     * over TCP, RFC 8323), {@code U} over UDP and DTLS. Sent as {@code b=} with Register and held
     * in /1/0/7 (binding) and /3/0/16 (supported binding and modes).
     */
    public static String binding(Transport transport) {
        return transport.isStream() ? "T" : "U";
    }

    /** The node at {@code objectId} (and instance, resource when not null), or null if absent. */
    public static LwM2mNode read(DeviceIdentity device, long lifetimeSeconds, int objectId,
            Integer instanceId, Integer resourceId) {
        return read(device, lifetimeSeconds, device.group().registrationRetry(), objectId, instanceId, resourceId);
    }

    /** As {@link #read(DeviceIdentity, long, int, Integer, Integer)}, for a device retrying by {@code retry}. */
    public static LwM2mNode read(DeviceIdentity device, long lifetimeSeconds, RetryPolicy retry, int objectId,
            Integer instanceId, Integer resourceId) {
        LwM2mObjectInstance instance = switch (objectId) {
            case 1 -> serverInstance(lifetimeSeconds, binding(device.group().transport()), retry);
            case 3 -> deviceInstance(device);
            default -> null;
        };
        if (instance == null || (instanceId != null && instanceId != 0)) {
            return null;
        }
        if (instanceId == null) {
            return new LwM2mObject(objectId, instance);
        }
        if (resourceId == null) {
            return instance;
        }
        return instance.getResource(resourceId);
    }

    /**
     * The Server object instance; with {@code registrationRetry: {mode: lwm2m}} also its
     * communication retry resources 17 to 20, holding the values the device retries by.
     */
    static LwM2mObjectInstance serverInstance(long lifetimeSeconds, String binding, RetryPolicy retry) {
        List<LwM2mResource> resources = new ArrayList<>(List.of(
                LwM2mSingleResource.newIntegerResource(0, 1),
                LwM2mSingleResource.newIntegerResource(1, lifetimeSeconds),
                LwM2mSingleResource.newBooleanResource(6, false),
                LwM2mSingleResource.newStringResource(7, binding)));
        if (retry != null && retry.isLwm2m()) {
            RetryPolicy.Lwm2mSequences sequences = retry.lwm2m();
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(17, (long) sequences.retryCount()));
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(18, sequences.retryTimer().toSeconds()));
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(19, sequences.sequenceDelay().toSeconds()));
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(20, (long) sequences.sequenceRetryCount()));
        }
        return new LwM2mObjectInstance(0, resources);
    }

    static LwM2mObjectInstance deviceInstance(DeviceIdentity device) {
        List<LwM2mResource> resources = new ArrayList<>();
        resources.add(LwM2mSingleResource.newStringResource(0, "fleetsim"));
        resources.add(LwM2mSingleResource.newStringResource(1, "virtual-device"));
        resources.add(LwM2mSingleResource.newStringResource(2, device.serialNumber()));
        resources.add(LwM2mSingleResource.newStringResource(3, "1.0." + (device.index() % 10)));
        resources.add(LwM2mMultipleResource.newIntegerResource(6, Map.of(0, 1L)));
        resources.add(LwM2mSingleResource.newIntegerResource(9, device.batteryLevel()));
        resources.add(LwM2mSingleResource.newIntegerResource(10, 64 + device.index() % 64));
        resources.add(LwM2mMultipleResource.newIntegerResource(11, Map.of(0, 0L)));
        resources.add(LwM2mSingleResource.newDateResource(13, new Date()));
        resources.add(LwM2mSingleResource.newStringResource(16, binding(device.group().transport())));
        return new LwM2mObjectInstance(0, resources);
    }
}
