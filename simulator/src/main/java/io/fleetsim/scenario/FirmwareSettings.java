package io.fleetsim.scenario;

import java.time.Duration;

/**
 * How a group's devices run a Firmware Update (object {@code /5}, LwM2M 1.1 Core Appendix E.6).
 *
 * @param download     time from a written Package URI to State 2 Downloaded (or a failed download)
 * @param update       time from Execute {@code /5/0/2} Update to the reboot into the new firmware
 * @param failureShare share of downloads that fail (0 to 1), drawn per device from the run's seed
 * @param version      Firmware Version {@code /3/0/3} after an update; empty: the old one with {@code -updated}
 */
public record FirmwareSettings(Duration download, Duration update, double failureShare, String version) {

    /** 10 s download, 5 s update, no failures, {@code <old>-updated}. */
    public static final FirmwareSettings DEFAULT = new FirmwareSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
            0, "");

    /** The version after an update of a device that ran {@code oldVersion}. */
    public String versionAfter(String oldVersion) {
        return version.isEmpty() ? oldVersion + "-updated" : version;
    }
}
