package io.fleetsim.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the keys of a device group that say what its devices do once registered:
 * {@code objects}, {@code notifications}, {@code rebootSeconds} and {@code firmware}.
 */
final class DeviceBehaviourReader {

    private DeviceBehaviourReader() {
    }

    static DeviceBehaviour read(MappingReader group) {
        List<ObjectSettings> objects = group.site(ScenarioKeys.OBJECTS_LIST).map(DeviceBehaviourReader::objects)
                .orElse(List.of());
        Notifications notifications = group.site(ScenarioKeys.NOTIFICATIONS_SECTION)
                .map(DeviceBehaviourReader::notifications).orElse(Notifications.DEFAULT);
        Duration reboot = Duration.ofMillis(Math.round(group.read(ScenarioKeys.REBOOT_SECONDS) * 1000));
        Optional<ValueSite> firmwareSite = group.site(ScenarioKeys.FIRMWARE_SECTION);
        if (firmwareSite.isPresent() && objects.stream().noneMatch(o -> o.id() == 5)) {
            throw firmwareSite.get().fail("the devices have no Firmware Update object; add 5 to objects");
        }
        FirmwareSettings firmware = firmwareSite.map(DeviceBehaviourReader::firmware).orElse(FirmwareSettings.DEFAULT);
        return new DeviceBehaviour(objects, notifications, reboot, firmware);
    }

    private static FirmwareSettings firmware(ValueSite site) {
        MappingReader map = MappingReader.of(site.source(), site.node(), site.field(), site.line(), Section.FIRMWARE);
        return new FirmwareSettings(seconds(map.read(ScenarioKeys.FIRMWARE_DOWNLOAD)),
                seconds(map.read(ScenarioKeys.FIRMWARE_UPDATE)), map.read(ScenarioKeys.FIRMWARE_FAILURE_SHARE),
                map.readOptional(ScenarioKeys.FIRMWARE_VERSION).orElse(""));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
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
