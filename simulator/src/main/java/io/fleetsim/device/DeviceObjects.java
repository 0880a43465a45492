package io.fleetsim.device;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;

import io.fleetsim.base.ServerAccountObject;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.RetryPolicy;
import io.fleetsim.scenario.Transport;

/**
 * The Server (/1/0) and Device (/3/0) objects every virtual device has. Values are derived from
 * the device's identity when read; {@link ObjectTree} adds what the server wrote.
 */
public final class DeviceObjects {

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

    /** The binding {@code group}'s devices register with: the group's {@code binding}, else their transport's. */
    public static String binding(DeviceGroup group) {
        return group.binding() != null ? group.binding() : binding(group.transport());
    }

    /**
     * The Server object instance; with {@code registrationRetry: {mode: lwm2m}} also its
     * communication retry resources 17 to 20, holding the values the device retries by.
     */
    static LwM2mObjectInstance serverInstance(long lifetimeSeconds, String binding, RetryPolicy retry) {
        List<LwM2mResource> resources = new ArrayList<>(ServerAccountObject.resources(1, lifetimeSeconds, binding));
        if (retry != null && retry.isLwm2m()) {
            RetryPolicy.Lwm2mSequences sequences = retry.lwm2m();
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(17, (long) sequences.retryCount()));
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(18, sequences.retryTimer().toSeconds()));
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(19, sequences.sequenceDelay().toSeconds()));
            resources.add(LwM2mSingleResource.newUnsignedIntegerResource(20, (long) sequences.sequenceRetryCount()));
        }
        return new LwM2mObjectInstance(0, resources);
    }

    /** Firmware Version /3/0/3 before any update: {@code 1.0.<index mod 10>}. */
    static String firmwareVersion(DeviceIdentity device) {
        return "1.0." + (device.index() % 10);
    }

    static LwM2mObjectInstance deviceInstance(DeviceIdentity device) {
        List<LwM2mResource> resources = new ArrayList<>();
        resources.add(LwM2mSingleResource.newStringResource(0, "fleetsim"));
        resources.add(LwM2mSingleResource.newStringResource(1, "virtual-device"));
        resources.add(LwM2mSingleResource.newStringResource(2, device.serialNumber()));
        resources.add(LwM2mSingleResource.newStringResource(3, firmwareVersion(device)));
        resources.add(LwM2mMultipleResource.newIntegerResource(6, Map.of(0, 1L)));
        resources.add(LwM2mSingleResource.newIntegerResource(9, device.batteryLevel()));
        resources.add(LwM2mSingleResource.newIntegerResource(10, 64 + device.index() % 64));
        resources.add(LwM2mMultipleResource.newIntegerResource(11, Map.of(0, 0L)));
        resources.add(LwM2mSingleResource.newDateResource(13, new Date()));
        resources.add(LwM2mSingleResource.newStringResource(16, binding(device.group())));
        return new LwM2mObjectInstance(0, resources);
    }
}
