package io.fleetsim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.junit.jupiter.api.Test;

import io.fleetsim.scenario.DeviceBehaviour;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Notifications;
import io.fleetsim.scenario.ObjectSettings;

/** The objects of one device, without a network: values, writes, attributes, instances. */
class ObjectTreeTest {

    private static ObjectTree tree(String endpoint, long seed, ObjectSettings... objects) {
        DeviceGroup plain = new DeviceGroup("g", 10, "g-", io.fleetsim.scenario.Transport.UDP);
        DeviceGroup group = new DeviceGroup(plain.name(), plain.count(), plain.endpointPrefix(), plain.transport(),
                plain.security(), plain.keepalive(), plain.nat(),
                new DeviceBehaviour(List.of(objects), Notifications.DEFAULT, java.time.Duration.ofSeconds(5)));
        return new ObjectTree(new DeviceIdentity(endpoint, 3, group), seed, () -> 300);
    }

    private static double value(ObjectTree tree, long atMillis) {
        return (Double) ((LwM2mSingleResource) tree.read(new LwM2mPath(3303, 0, 5700), atMillis)).getValue();
    }

    @Test
    void sensorValuesStayWithinTheirBoundsAndRepeatWithTheSeed() {
        ObjectSettings temperature = new ObjectSettings(3303, 1, 1, -10, 40);
        ObjectTree a = tree("g-3", 7, temperature);
        ObjectTree sameSeed = tree("g-3", 7, temperature);
        ObjectTree otherSeed = tree("g-3", 8, temperature);
        int differences = 0;
        for (long t = 0; t < 3_600_000; t += 1_000) {
            double v = value(a, t);
            assertThat(v).isBetween(-10.0, 40.0);
            assertThat(value(sameSeed, t)).isEqualTo(v);
            differences += value(otherSeed, t) != v ? 1 : 0;
        }
        assertThat(differences).isGreaterThan(3000);
        // read seldom, the value at a moment is the same as when read every second
        assertThat(value(tree("g-3", 7, temperature), 3_599_000)).isEqualTo(value(a, 3_599_000));
    }

    @Test
    void aSensorValueChangesOnlyAtItsStepBoundaries() {
        ObjectTree tree = tree("g-3", 1, new ObjectSettings(3303, 1, 10, 0, 100));
        LwM2mPath path = new LwM2mPath(3303, 0, 5700);
        long next = tree.nextChangeMillis(path, 12_000);
        assertThat(next).isGreaterThan(12_000).isLessThanOrEqualTo(22_000);
        double atPreviousStep = value(tree, next - 10_000);
        double justBefore = value(tree, next - 1); // the walk is read forwards in time, as a device reads it
        double atStep = value(tree, next);
        assertThat(justBefore).isEqualTo(atPreviousStep);
        assertThat(atStep).isNotEqualTo(justBefore);
        assertThat(tree.nextChangeMillis(path, next)).isEqualTo(next + 10_000);
        assertThat(tree.nextChangeMillis(path, next - 1)).isEqualTo(next);
        assertThat(tree.nextChangeMillis(new LwM2mPath(3, 0), 12_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aFleetsValuesStepAtPhasesSpreadOverTheInterval() {
        // 10,000 observed devices with a step every 10 s notify about 1,000 times a second, not 10,000 at once
        ObjectSettings temperature = new ObjectSettings(3303, 1, 10, 0, 100);
        int[] perSecond = new int[10];
        for (int i = 0; i < 1000; i++) {
            long next = tree("g-" + i, 1, temperature).nextChangeMillis(new LwM2mPath(3303, 0, 5700), 60_000);
            assertThat(next).isGreaterThan(60_000).isLessThanOrEqualTo(70_000);
            perSecond[(int) ((next - 60_001) / 1000)]++;
        }
        assertThat(java.util.Arrays.stream(perSecond).min().getAsInt()).as("steps in the emptiest second").isGreaterThanOrEqualTo(60);
        assertThat(java.util.Arrays.stream(perSecond).max().getAsInt()).as("steps in the fullest second").isLessThanOrEqualTo(140);
    }

    @Test
    void writesOnlyWritableResourcesAndCreatesAndDeletesInstances() {
        ObjectTree tree = tree("g-3", 1, new ObjectSettings(3303, 2, 10, 0, 100), ObjectSettings.defaultsFor(6));
        assertThat(tree.write(3303, 0, List.of(LwM2mSingleResource.newStringResource(5750, "Oven")), false))
                .isEqualTo(ObjectTree.Outcome.DONE);
        assertThat(tree.write(3303, 0, List.of(LwM2mSingleResource.newFloatResource(5700, 1.0)), false))
                .isEqualTo(ObjectTree.Outcome.NOT_ALLOWED);
        assertThat(((LwM2mObjectInstance) tree.read(new LwM2mPath(3303, 0), 0)).getResource(5750).getValue())
                .isEqualTo("Oven");
        assertThat(((LwM2mObjectInstance) tree.read(new LwM2mPath(3303, 1), 0)).getResource(5750).getValue())
                .isEqualTo("Temperature");

        assertThat(tree.create(3303, null, List.of())).isEqualTo(2);
        assertThat(tree.create(3303, 1, List.of())).isEqualTo(-2);
        assertThat(tree.create(6, null, List.of())).isEqualTo(-1);
        assertThat(tree.objectLinks()).isEqualTo(
                "</1/0>,</3/0>,</3303>;ver=1.1,</3303/0>,</3303/1>,</3303/2>,</6/0>");
        assertThat(tree.delete(3303, 1)).isEqualTo(ObjectTree.Outcome.DONE);
        assertThat(tree.delete(6, 0)).isEqualTo(ObjectTree.Outcome.NOT_ALLOWED);
        assertThat(tree.delete(3, 0)).isEqualTo(ObjectTree.Outcome.NOT_ALLOWED);
        assertThat(tree.delete(3303, 1)).isEqualTo(ObjectTree.Outcome.NOT_FOUND);
        assertThat(tree.instanceIds(3303)).containsExactly(0, 2);
    }

    @Test
    void attributesInheritFromInstanceAndObjectAndShowInDiscover() {
        ObjectTree tree = tree("g-3", 1, new ObjectSettings(3303, 1, 10, 0, 100));
        tree.setAttributes(new LwM2mPath(3303), NotificationAttributes.parse(List.of("pmax=60"), NotificationAttributes.NONE));
        tree.setAttributes(new LwM2mPath(3303, 0, 5700),
                NotificationAttributes.parse(List.of("pmin=1", "gt=20.5"), NotificationAttributes.NONE));

        NotificationAttributes effective = tree.effectiveAttributes(new LwM2mPath(3303, 0, 5700));
        assertThat(effective).isEqualTo(new NotificationAttributes(1L, 60L, 20.5, null, null));
        assertThat(tree.discover(new LwM2mPath(3303, 0), 0))
                .startsWith("</3303/0>,").contains("</3303/0/5700>;pmin=1;gt=20.5");
        assertThat(tree.discover(new LwM2mPath(3303), 0)).startsWith("</3303>;ver=1.1;pmax=60,</3303/0>");
    }

    @Test
    void badAttributesAreRefusedNamingTheAttribute() {
        assertThatThrownBy(() -> NotificationAttributes.parse(List.of("pmin=soon"), NotificationAttributes.NONE))
                .hasMessageContaining("pmin must be a whole number of seconds, got 'soon'");
        assertThatThrownBy(() -> NotificationAttributes.parse(List.of("gt=5", "lt=10"), NotificationAttributes.NONE))
                .hasMessageContaining("lt");
        assertThatThrownBy(() -> NotificationAttributes.parse(List.of("epmin=5"), NotificationAttributes.NONE))
                .hasMessageContaining("unknown attribute 'epmin'");
    }
}
