package io.fleetsim.scenario;

import java.time.Duration;
import java.util.List;

/**
 * What the devices of a group do beyond registering: the objects they have, how they notify
 * their observers, how long a reboot (Execute {@code /3/0/4}) keeps them away.
 *
 * @param objects       objects beyond /0, /1 and /3, in file order
 * @param notifications CON or NON notifications
 * @param rebootDelay   time between the De-register of a reboot and the next Register
 * @param firmware      how a Firmware Update {@code /5} runs
 * @param send          which values the devices push with LwM2M Send, and how often ({@link SendSettings#NONE})
 */
public record DeviceBehaviour(List<ObjectSettings> objects, Notifications notifications, Duration rebootDelay,
        FirmwareSettings firmware, SendSettings send) {

    /** Only /1 and /3; NON notifications with a CON every 10th; a 5 s reboot. */
    public static final DeviceBehaviour DEFAULT = new DeviceBehaviour(List.of(), Notifications.DEFAULT,
            Duration.ofSeconds(5));

    public DeviceBehaviour {
        objects = List.copyOf(objects);
    }

    /** Default firmware update settings. */
    public DeviceBehaviour(List<ObjectSettings> objects, Notifications notifications, Duration rebootDelay) {
        this(objects, notifications, rebootDelay, FirmwareSettings.DEFAULT);
    }

    /** No LwM2M Send. */
    public DeviceBehaviour(List<ObjectSettings> objects, Notifications notifications, Duration rebootDelay,
            FirmwareSettings firmware) {
        this(objects, notifications, rebootDelay, firmware, SendSettings.NONE);
    }
}
