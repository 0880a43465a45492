package io.fleetsim.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fleetsim.base.ObjectModels;

import org.eclipse.leshan.core.model.ObjectModel;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the keys of a device group that say what its devices do once registered:
 * {@code objects}, {@code notifications}, {@code rebootSeconds}, {@code firmware} and {@code send}.
 */
final class DeviceBehaviourReader {

    private DeviceBehaviourReader() {
    }

    static DeviceBehaviour read(MappingReader group) {
        List<ObjectSettings> objects = group.site(ScenarioKeys.OBJECTS_LIST).map(DeviceBehaviourReader::objects)
                .orElse(List.of());
        Notifications notifications = group.site(ScenarioKeys.NOTIFICATIONS_SECTION)
                .map(DeviceBehaviourReader::notifications).orElse(Notifications.DEFAULT);
        Duration reboot = ScalarValues.seconds(group.read(ScenarioKeys.REBOOT_SECONDS));
        Optional<ValueSite> firmwareSite = group.site(ScenarioKeys.FIRMWARE_SECTION);
        if (firmwareSite.isPresent() && objects.stream().noneMatch(o -> o.id() == 5)) {
            throw firmwareSite.get().fail("the devices have no Firmware Update object; add 5 to objects");
        }
        FirmwareSettings firmware = firmwareSite.map(DeviceBehaviourReader::firmware).orElse(FirmwareSettings.DEFAULT);
        SendSettings send = group.site(ScenarioKeys.SEND_SECTION).map(site -> send(site, objects))
                .orElse(SendSettings.NONE);
        return new DeviceBehaviour(objects, notifications, reboot, firmware, send);
    }

    private static SendSettings send(ValueSite site, List<ObjectSettings> objects) {
        MappingReader map = MappingReader.of(site.source(), site.node(), site.field(), site.line(), Section.SEND);
        long every = map.read(ScenarioKeys.SEND_EVERY);
        ValueSite pathsSite = map.site(ScenarioKeys.SEND_PATHS)
                .orElseThrow(() -> map.error(ScenarioKeys.SEND_PATHS, "is required: the paths whose values "
                        + "each Send carries, e.g. [/3/0/9]"));
        if (!(pathsSite.node() instanceof SequenceNode)) {
            throw pathsSite.fail("expected a list of paths like [/3303/0/5700, /3/0/9], got "
                    + ScalarValues.describe(pathsSite.node()));
        }
        List<String> paths = new ArrayList<>();
        for (ValueSite item : pathsSite.items("must list at least one path, e.g. [/3/0/9]")) {
            String path = ScalarValues.text(item, "a path like /3303/0/5700").trim();
            checkSendPath(item, path, objects);
            if (paths.contains(path)) {
                throw item.fail("path " + path + " is listed twice");
            }
            paths.add(path);
        }
        return new SendSettings(Duration.ofSeconds(every), paths);
    }

    /** A Send path must name an instance, or a resource of it, that the group's devices have. */
    private static void checkSendPath(ValueSite at, String path, List<ObjectSettings> objects) {
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        int[] ids = new int[parts.length];
        boolean numeric = parts.length == 2 || parts.length == 3;
        for (int i = 0; numeric && i < parts.length; i++) {
            numeric = parts[i].matches("[0-9]{1,5}");
            ids[i] = numeric ? Integer.parseInt(parts[i]) : 0;
        }
        if (!numeric) {
            throw at.fail("'" + path + "' is not a path like /3303/0/5700 (object/instance/resource) "
                    + "or /3303/0 (object/instance)");
        }
        int instances;
        if (ids[0] == 3) {
            instances = 1;
        } else {
            ObjectSettings object = objects.stream().filter(o -> o.id() == ids[0]).findFirst().orElse(null);
            if (object == null) {
                throw at.fail("path " + path + ": the devices have no object " + ids[0] + "; Send paths are of /3 "
                        + "or of the group's objects (" + objectIds(objects) + ")");
            }
            instances = object.instances();
        }
        if (ids[1] >= instances) {
            throw at.fail("path " + path + ": object " + ids[0] + " has " + (instances == 1 ? "only instance 0"
                    : "instances 0 to " + (instances - 1)) + " on the devices");
        }
        ObjectModel model = ObjectModels.DEVICE_MODEL.getObjectModel(ids[0]);
        if (ids.length == 3 && (model == null || !model.resources.containsKey(ids[2]))) {
            throw at.fail("path " + path + ": object " + ids[0] + (model == null ? "" : " (" + model.name + ")")
                    + " has no resource " + ids[2]);
        }
    }

    private static String objectIds(List<ObjectSettings> objects) {
        String ids = objects.stream().map(o -> String.valueOf(o.id())).reduce((a, b) -> a + ", " + b).orElse("");
        return ids.isEmpty() ? "none given" : ids;
    }

    private static FirmwareSettings firmware(ValueSite site) {
        MappingReader map = MappingReader.of(site.source(), site.node(), site.field(), site.line(), Section.FIRMWARE);
        return new FirmwareSettings(ScalarValues.seconds(map.read(ScenarioKeys.FIRMWARE_DOWNLOAD)),
                ScalarValues.seconds(map.read(ScenarioKeys.FIRMWARE_UPDATE)),
                map.read(ScenarioKeys.FIRMWARE_FAILURE_SHARE),
                map.readOptional(ScenarioKeys.FIRMWARE_VERSION).orElse(""));
    }

    private static List<ObjectSettings> objects(ValueSite site) {
        if (!(site.node() instanceof SequenceNode list)) {
            throw site.fail("expected a list of object ids or maps like {id: 3303, instances: 2}, got "
                    + ScalarValues.describe(site.node()));
        }
        List<ObjectSettings> objects = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String field = site.field() + "[" + i + "]";
            ValueSite at = ValueSite.item(site.source(), item, field);
            ObjectSettings object = item instanceof MappingNode ? objectMap(at) : objectId(at);
            for (ObjectSettings earlier : objects) {
                if (earlier.id() == object.id()) {
                    throw at.fail("object " + object.id() + " is listed twice; give its instances with "
                            + "{id: " + object.id() + ", instances: N}");
                }
            }
            objects.add(object);
        }
        return objects;
    }

    private static ObjectSettings objectId(ValueSite at) {
        return ObjectSettings.defaultsFor(checkedId(at, ScenarioKeys.OBJECT_ID.read(at)));
    }

    private static int checkedId(ValueSite at, long id) {
        if (id == 0 || id == 1 || id == 3) {
            throw at.fail("object " + id + " is always present; list only the objects beyond /0, /1 and /3");
        }
        if (!ObjectSettings.SUPPORTED.containsKey((int) id)) {
            throw at.fail("unknown object " + id + "; fleetsim simulates " + ObjectSettings.supportedText());
        }
        return (int) id;
    }

    private static ObjectSettings objectMap(ValueSite at) {
        MappingReader map = MappingReader.of(at.source(), at.node(), at.field(), at.line(), Section.OBJECTS);
        long rawId = map.read(ScenarioKeys.OBJECT_ID);
        int id = checkedId(map.site(ScenarioKeys.OBJECT_ID).orElseThrow(), rawId);
        ObjectSettings defaults = ObjectSettings.defaultsFor(id);
        ObjectSettings.Kind kind = defaults.kind();
        int instances = Math.toIntExact(map.read(ScenarioKeys.OBJECT_INSTANCES));
        if (instances > 1 && !kind.multiInstance()) {
            throw map.error(ScenarioKeys.OBJECT_INSTANCES, "object " + id + " (" + kind.name()
                    + ") has a single instance; remove instances or give 1");
        }
        if (id == 5 && map.has(ScenarioKeys.OBJECT_CHANGE_EVERY)) {
            throw map.error(ScenarioKeys.OBJECT_CHANGE_EVERY, "object 5 (Firmware Update) has no moving values");
        }
        for (ScenarioKey<?> key : List.of(ScenarioKeys.OBJECT_MIN, ScenarioKeys.OBJECT_MAX)) {
            if (!kind.sensor() && map.has(key)) {
                throw map.error(key, "is for sensors (3300, 3303, 3304, 3323), not object " + id
                        + " (" + kind.name() + ")");
            }
        }
        double min = map.readOptional(ScenarioKeys.OBJECT_MIN).orElse(defaults.min());
        double max = map.readOptional(ScenarioKeys.OBJECT_MAX).orElse(defaults.max());
        if (kind.sensor() && !(max > min)) {
            throw map.error(map.has(ScenarioKeys.OBJECT_MAX) ? ScenarioKeys.OBJECT_MAX : ScenarioKeys.OBJECT_MIN,
                    "max (" + max + ") must be above min (" + min + ")");
        }
        return new ObjectSettings(id, instances, map.read(ScenarioKeys.OBJECT_CHANGE_EVERY), min, max);
    }

    private static Notifications notifications(ValueSite site) {
        MappingReader map = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                Section.NOTIFICATIONS);
        boolean confirmable = map.read(ScenarioKeys.NOTIFICATION_TYPE).equals("con");
        Optional<Long> conEvery = map.readOptional(ScenarioKeys.NOTIFICATION_CON_EVERY);
        if (confirmable && conEvery.isPresent()) {
            throw map.error(ScenarioKeys.NOTIFICATION_CON_EVERY, "is for type: non; with type: con every "
                    + "notification is a CON");
        }
        return new Notifications(confirmable, Math.toIntExact(conEvery.orElse(
                ScenarioKeys.NOTIFICATION_CON_EVERY.byDefault().value())));
    }
}
