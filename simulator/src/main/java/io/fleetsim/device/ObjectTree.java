package io.fleetsim.device;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;

import io.fleetsim.base.ObjectModels;
import io.fleetsim.scenario.RetryPolicy;
import io.fleetsim.scenario.ObjectSettings;

/**
 * The objects of one virtual device: Server {@code /1/0} and Device {@code /3/0}, and the objects of
 * its group ({@code objects:}) with values that move over simulated time (a seeded, bounded random
 * walk per sensor instance; a moving location). Holds only what is not derived: the walks, the
 * instances, what the server wrote and the attributes it set. Used on the device's event loop only.
 */
public final class ObjectTree {

    /** What a Write, Create or Delete did; the handler turns it into a response code. */
    public enum Outcome { DONE, NOT_FOUND, NOT_ALLOWED, BAD_REQUEST }

    private static final int SERVER = 1;
    private static final int DEVICE = 3;
    private static final int CONNECTIVITY = 4;
    private static final int FIRMWARE = 5;
    private static final int LOCATION = 6;

    private final DeviceIdentity identity;
    private final long seed;
    private final LongSupplier lifetimeSeconds;
    /** How the device retries a failed registration: /1/0/17-20 show it in lwm2m mode. */
    private final RetryPolicy registrationRetry;
    /** The group's objects by id, in the order the scenario lists them. */
    private final Map<Integer, ObjectState> objects = new LinkedHashMap<>();
    /** Resources the server wrote, by resource path; null until the first write. */
    private Map<LwM2mPath, LwM2mResource> written;
    /** Attributes the server set, by path; null until the first Write-Attributes. */
    private Map<LwM2mPath, NotificationAttributes> attributes;
    /** The Firmware Update state machine of /5/0; null when the group has no object 5. */
    private final FirmwareUpdate firmware;

    public ObjectTree(DeviceIdentity identity, long seed, LongSupplier lifetimeSeconds) {
        this(identity, seed, lifetimeSeconds, identity.group().registrationRetry());
    }

    /** The objects of a device that retries a failed registration by {@code registrationRetry}. */
    public ObjectTree(DeviceIdentity identity, long seed, LongSupplier lifetimeSeconds,
            RetryPolicy registrationRetry) {
        this.registrationRetry = registrationRetry;
        this.identity = identity;
        this.seed = seed;
        this.lifetimeSeconds = lifetimeSeconds;
        for (ObjectSettings settings : identity.group().behaviour().objects()) {
            ObjectState state = new ObjectState(settings);
            for (int i = 0; i < settings.instances(); i++) {
                state.instances.put(i, newInstance(settings, i));
            }
            objects.put(settings.id(), state);
        }
        firmware = objects.containsKey(FIRMWARE) ? new FirmwareUpdate(identity.group().behaviour().firmware(),
                ValueWalk.seed(seed, identity.endpoint(), FIRMWARE, 0, 5), DeviceObjects.firmwareVersion(identity))
                : null;
    }

    /** The Firmware Update state machine of /5/0, or null when the group has no object 5. */
    public FirmwareUpdate firmware() {
        return firmware;
    }

    private InstanceState newInstance(ObjectSettings settings, int instanceId) {
        long stepMillis = Math.round(settings.changeEverySeconds() * 1000);
        return switch (settings.id()) {
            case CONNECTIVITY -> new InstanceState(new ValueWalk(walkSeed(settings.id(), instanceId, 0), stepMillis,
                    -110, -60, 0.1), null);
            case LOCATION -> {
                double baseLat = 45 + 10 * ValueWalk.unit(walkSeed(LOCATION, instanceId, 9), 0);
                double baseLon = 0 + 15 * ValueWalk.unit(walkSeed(LOCATION, instanceId, 8), 0);
                yield new InstanceState(new ValueWalk(walkSeed(LOCATION, instanceId, 0), stepMillis,
                        baseLat - 0.05, baseLat + 0.05, 0.01),
                        new ValueWalk(walkSeed(LOCATION, instanceId, 1), stepMillis, baseLon - 0.05, baseLon + 0.05, 0.01));
            }
            case FIRMWARE -> new InstanceState(null, null);
            default -> new InstanceState(new ValueWalk(walkSeed(settings.id(), instanceId, 0), stepMillis,
                    settings.min(), settings.max(), 0.05), null);
        };
    }

    private long walkSeed(int objectId, int instanceId, int which) {
        return ValueWalk.seed(seed, identity.endpoint(), objectId, instanceId, which);
    }

    /** The object links of Register: {@code </1/0>,</3/0>}, then the group's objects with their version. */
    public String objectLinks() {
        StringBuilder links = new StringBuilder(DeviceObjects.OBJECT_LINKS);
        for (ObjectState object : objects.values()) {
            String version = model(object.settings.id()).version;
            if (!"1.0".equals(version)) {
                links.append(",</").append(object.settings.id()).append(">;ver=").append(version);
            }
            if (object.instances.isEmpty()) {
                links.append(",</").append(object.settings.id()).append('>');
            }
            for (int instanceId : object.instances.keySet()) {
                links.append(",</").append(object.settings.id()).append('/').append(instanceId).append('>');
            }
        }
        return links.toString();
    }

    /**
     * The link entries of {@link #objectLinks()} for every object but Security (/0) and Server (/1),
     * which a bootstrap server's Discover sees from the device's bootstrap configuration instead.
     */
    public List<String> bootstrapLinks() {
        List<String> links = new ArrayList<>();
        for (String link : objectLinks().split(",")) {
            int end = link.indexOf('/', 2);
            int close = link.indexOf('>');
            String object = link.substring(2, end > 0 && end < close ? end : close);
            if (!object.equals("0") && !object.equals("1")) {
                links.add(link);
            }
        }
        return links;
    }

    /** Whether the device has the object. */
    public boolean hasObject(int objectId) {
        return objectId == SERVER || objectId == DEVICE || objects.containsKey(objectId);
    }

    public ObjectModel model(int objectId) {
        return ObjectModels.DEVICE_MODEL.getObjectModel(objectId);
    }

    /** The node at {@code path} (object, instance or resource) at simulated {@code nowMillis}, or null. */
    public LwM2mNode read(LwM2mPath path, long nowMillis) {
        if (path.isObject()) {
            List<LwM2mObjectInstance> instances = new ArrayList<>();
            for (int instanceId : instanceIds(path.getObjectId())) {
                instances.add(instance(path.getObjectId(), instanceId, nowMillis));
            }
            return hasObject(path.getObjectId()) ? new LwM2mObject(path.getObjectId(), instances) : null;
        }
        LwM2mObjectInstance instance = instance(path.getObjectId(), path.getObjectInstanceId(), nowMillis);
        if (instance == null || path.isObjectInstance()) {
            return instance;
        }
        LwM2mResource resource = instance.getResource(path.getResourceId());
        if (path.isResource() || resource == null) {
            return resource;
        }
        return resource.isMultiInstances() ? resource.getInstance(path.getResourceInstanceId()) : null;
    }

    /** The instance ids of an object, in order; empty when the device does not have it. */
    public List<Integer> instanceIds(int objectId) {
        if (objectId == SERVER || objectId == DEVICE) {
            return List.of(0);
        }
        ObjectState object = objects.get(objectId);
        return object == null ? List.of() : List.copyOf(object.instances.keySet());
    }

    private LwM2mObjectInstance instance(int objectId, int instanceId, long nowMillis) {
        List<LwM2mResource> resources;
        if (objectId == SERVER || objectId == DEVICE) {
            if (instanceId != 0) {
                return null;
            }
            resources = new ArrayList<>((objectId == SERVER ? DeviceObjects.serverInstance(lifetimeSeconds.getAsLong(),
                    DeviceObjects.binding(identity.group()), registrationRetry)
                    : DeviceObjects.deviceInstance(identity)).getResources().values());
            if (objectId == DEVICE && firmware != null) {
                resources.removeIf(r -> r.getId() == 3);
                resources.add(LwM2mSingleResource.newStringResource(3, firmware.version()));
            }
        } else {
            ObjectState object = objects.get(objectId);
            InstanceState state = object == null ? null : object.instances.get(instanceId);
            if (state == null) {
                return null;
            }
            resources = resources(object.settings, instanceId, state, nowMillis);
        }
        if (written != null) {
            for (Map.Entry<LwM2mPath, LwM2mResource> entry : written.entrySet()) {
                LwM2mPath path = entry.getKey();
                if (path.getObjectId() == objectId && path.getObjectInstanceId() == instanceId) {
                    resources.removeIf(r -> r.getId() == path.getResourceId());
                    resources.add(entry.getValue());
                }
            }
        }
        return new LwM2mObjectInstance(instanceId, resources);
    }

    private List<LwM2mResource> resources(ObjectSettings settings, int instanceId, InstanceState state, long now) {
        List<LwM2mResource> r = new ArrayList<>();
        switch (settings.id()) {
            case CONNECTIVITY -> {
                long rssi = Math.round(state.walk.valueAt(now));
                r.add(LwM2mSingleResource.newIntegerResource(0, 6)); // LTE-FDD
                r.add(LwM2mMultipleResource.newIntegerResource(1, Map.of(0, 6L)));
                r.add(LwM2mSingleResource.newIntegerResource(2, rssi));
                r.add(LwM2mSingleResource.newIntegerResource(3, Math.max(0, Math.min(100, (rssi + 110) * 2))));
                r.add(LwM2mMultipleResource.newStringResource(4, Map.of(0,
                        "100.64." + (identity.index() >> 8 & 0xFF) + "." + (identity.index() & 0xFF))));
                r.add(LwM2mSingleResource.newIntegerResource(8, 10_000 + identity.index() % 5_000));
                r.add(LwM2mSingleResource.newIntegerResource(9, 1));
                r.add(LwM2mSingleResource.newIntegerResource(10, 262));
            }
            case FIRMWARE -> {
                r.add(LwM2mSingleResource.newStringResource(1, ""));
                r.add(LwM2mSingleResource.newIntegerResource(3, firmware.state()));
                r.add(LwM2mSingleResource.newIntegerResource(5, firmware.result()));
                r.add(LwM2mSingleResource.newIntegerResource(9, 2)); // pull and push
            }
            case LOCATION -> {
                r.add(LwM2mSingleResource.newFloatResource(0, round(state.walk.valueAt(now), 6)));
                r.add(LwM2mSingleResource.newFloatResource(1, round(state.second.valueAt(now), 6)));
                r.add(LwM2mSingleResource.newFloatResource(2, 35.0));
                r.add(LwM2mSingleResource.newFloatResource(3, 10.0));
                r.add(LwM2mSingleResource.newDateResource(5, new Date()));
            }
            default -> {
                ValueWalk walk = state.walk;
                r.add(LwM2mSingleResource.newFloatResource(5700, round(walk.valueAt(now), 2)));
                r.add(LwM2mSingleResource.newStringResource(5701, units(settings.id())));
                r.add(LwM2mSingleResource.newFloatResource(5601, round(walk.lowestAt(now), 2)));
                r.add(LwM2mSingleResource.newFloatResource(5602, round(walk.highestAt(now), 2)));
                r.add(LwM2mSingleResource.newFloatResource(5603, walk.min()));
                r.add(LwM2mSingleResource.newFloatResource(5604, walk.max()));
                r.add(LwM2mSingleResource.newStringResource(5750, settings.kind().name()));
                if (settings.id() == 3300) {
                    r.add(LwM2mSingleResource.newStringResource(5751, "generic"));
                }
            }
        }
        return r;
    }

    private static String units(int objectId) {
        return switch (objectId) {
            case 3303 -> "Cel";
            case 3304 -> "%RH";
            case 3323 -> "hPa";
            default -> "";
        };
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /**
     * The simulated time at which the values under {@code path} next change by themselves, or
     * {@link Long#MAX_VALUE} when they only change when written.
     */
    public long nextChangeMillis(LwM2mPath path, long nowMillis) {
        ObjectState object = objects.get(path.getObjectId());
        if (object == null) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        for (Map.Entry<Integer, InstanceState> entry : object.instances.entrySet()) {
            if (path.isObject() || path.getObjectInstanceId() == entry.getKey().intValue()) {
                if (entry.getValue().walk != null) {
                    next = Math.min(next, entry.getValue().walk.nextStepMillis(nowMillis));
                }
            }
        }
        return next;
    }

    /** The resource model, or null when the object or the resource is unknown. */
    public ResourceModel resourceModel(int objectId, int resourceId) {
        ObjectModel model = model(objectId);
        return model == null ? null : model.resources.get(resourceId);
    }

    /**
     * Writes resources of an instance: {@code replace} (PUT) drops what was written before to the
     * instance's other resources, a partial update (POST) keeps it. Every resource must be writable.
     */
    public Outcome write(int objectId, int instanceId, List<LwM2mResource> resources, boolean replace) {
        if (read(new LwM2mPath(objectId, instanceId), 0) == null) {
            return Outcome.NOT_FOUND;
        }
        for (LwM2mResource resource : resources) {
            ResourceModel model = resourceModel(objectId, resource.getId());
            if (model == null) {
                return Outcome.NOT_FOUND;
            }
            if (!model.operations.isWritable()) {
                return Outcome.NOT_ALLOWED;
            }
        }
        if (written == null) {
            written = new HashMap<>(4);
        }
        if (replace) {
            written.keySet().removeIf(p -> p.getObjectId() == objectId && p.getObjectInstanceId() == instanceId);
        }
        for (LwM2mResource resource : resources) {
            if (objectId == FIRMWARE && resource.getId() == 0) {
                continue; // a pushed Package (write-only) goes to the state machine, not into memory
            }
            written.put(new LwM2mPath(objectId, instanceId, resource.getId()), resource);
        }
        return Outcome.DONE;
    }

    /** Creates an instance of a multi-instance object; returns its id, or -1 when not allowed, -2 when the id is taken. */
    public int create(int objectId, Integer wantedId, List<LwM2mResource> resources) {
        ObjectState object = objects.get(objectId);
        if (object == null || !model(objectId).multiple) {
            return -1;
        }
        int id = wantedId != null ? wantedId : 0;
        if (wantedId == null) {
            while (object.instances.containsKey(id)) {
                id++;
            }
        } else if (object.instances.containsKey(id)) {
            return -2;
        }
        object.instances.put(id, newInstance(object.settings, id));
        List<LwM2mResource> writable = resources.stream().filter(r -> {
            ResourceModel model = resourceModel(objectId, r.getId());
            return model != null && model.operations.isWritable();
        }).toList();
        if (!writable.isEmpty()) {
            write(objectId, id, writable, false);
        }
        return id;
    }

    /** Deletes an instance of a multi-instance object of the group. */
    public Outcome delete(int objectId, int instanceId) {
        ObjectState object = objects.get(objectId);
        if (object == null || !object.instances.containsKey(instanceId)) {
            return hasObject(objectId) && instanceIds(objectId).contains(instanceId) ? Outcome.NOT_ALLOWED
                    : Outcome.NOT_FOUND;
        }
        if (!model(objectId).multiple) {
            return Outcome.NOT_ALLOWED;
        }
        object.instances.remove(instanceId);
        if (written != null) {
            written.keySet().removeIf(p -> p.getObjectId() == objectId && p.getObjectInstanceId() == instanceId);
        }
        if (attributes != null) {
            attributes.keySet().removeIf(p -> p.getObjectId() == objectId && !p.isObject()
                    && p.getObjectInstanceId() == instanceId);
        }
        return Outcome.DONE;
    }

    /** Resets the measured extremes of a sensor instance (IPSO 5605); false when it is no sensor. */
    public boolean resetExtremes(int objectId, int instanceId, long nowMillis) {
        ObjectState object = objects.get(objectId);
        InstanceState state = object == null ? null : object.instances.get(instanceId);
        if (state == null || state.walk == null || !object.settings.kind().sensor()) {
            return false;
        }
        state.walk.resetExtremes(nowMillis);
        return true;
    }

    /** The attributes set on exactly this path. */
    public NotificationAttributes attributesAt(LwM2mPath path) {
        NotificationAttributes at = attributes == null ? null : attributes.get(path);
        return at == null ? NotificationAttributes.NONE : at;
    }

    public void setAttributes(LwM2mPath path, NotificationAttributes value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        if (value.isEmpty()) {
            attributes.remove(path);
        } else {
            attributes.put(path, value);
        }
    }

    /**
     * The attributes in force for an observation of {@code path}: those of the path, then of its
     * instance, then of its object (LwM2M 1.1 §5.1.2), then the Server object's default periods.
     */
    public NotificationAttributes effectiveAttributes(LwM2mPath path) {
        NotificationAttributes result = attributesAt(path);
        if (path.isResourceInstance()) {
            result = result.over(attributesAt(new LwM2mPath(path.getObjectId(), path.getObjectInstanceId(),
                    path.getResourceId())));
        }
        if (path.isResource() || path.isResourceInstance()) {
            result = result.over(attributesAt(new LwM2mPath(path.getObjectId(), path.getObjectInstanceId())));
        }
        if (!path.isObject()) {
            result = result.over(attributesAt(new LwM2mPath(path.getObjectId())));
        }
        Long defaultPmin = serverDefault(2);
        Long defaultPmax = serverDefault(3);
        return result.over(new NotificationAttributes(defaultPmin, defaultPmax, null, null, null));
    }

    private Long serverDefault(int resourceId) {
        LwM2mResource resource = written == null ? null : written.get(new LwM2mPath(SERVER, 0, resourceId));
        return resource != null && resource.getValue() instanceof Long value ? value : null;
    }

    /**
     * Discover (LwM2M 1.1 §5.4.2): the path and what is below it (instances, resources) as
     * link format, with the attributes set at each level and the object's version.
     */
    public String discover(LwM2mPath path, long nowMillis) {
        LwM2mNode node = read(path, nowMillis);
        if (node == null) {
            return null;
        }
        List<String> links = new ArrayList<>();
        int objectId = path.getObjectId();
        if (path.isObject()) {
            String version = model(objectId).version;
            links.add("</" + objectId + ">" + ("1.0".equals(version) ? "" : ";ver=" + version)
                    + attributesAt(path).linkFormat());
            for (LwM2mObjectInstance instance : ((LwM2mObject) node).getInstances().values()) {
                addInstance(links, objectId, instance);
            }
        } else if (path.isObjectInstance()) {
            addInstance(links, objectId, (LwM2mObjectInstance) node);
        } else if (node instanceof LwM2mResource resource) {
            addResource(links, path, resource);
        } else {
            links.add("<" + path + ">" + attributesAt(path).linkFormat());
        }
        return String.join(",", links);
    }

    private void addInstance(List<String> links, int objectId, LwM2mObjectInstance instance) {
        LwM2mPath instancePath = new LwM2mPath(objectId, instance.getId());
        links.add("</" + objectId + "/" + instance.getId() + ">" + attributesAt(instancePath).linkFormat());
        for (LwM2mResource resource : new TreeMap<>(instance.getResources()).values()) {
            addResource(links, new LwM2mPath(objectId, instance.getId(), resource.getId()), resource);
        }
    }

    private void addResource(List<String> links, LwM2mPath path, LwM2mResource resource) {
        links.add("<" + path + ">" + (resource.isMultiInstances() ? ";dim=" + resource.getInstances().size() : "")
                + attributesAt(path).linkFormat());
    }

    /** A numeric single resource's value, for gt, lt and st; null for anything else. */
    public static Double numeric(LwM2mNode node) {
        if (node instanceof LwM2mSingleResource resource && resource.getValue() instanceof Number number) {
            return number.doubleValue();
        }
        return null;
    }

    private static final class ObjectState {
        final ObjectSettings settings;
        final TreeMap<Integer, InstanceState> instances = new TreeMap<>();

        ObjectState(ObjectSettings settings) {
            this.settings = settings;
        }
    }

    /** The moving values of one instance: one walk (a sensor, the signal strength), two for a location. */
    private record InstanceState(ValueWalk walk, ValueWalk second) {
    }
}
