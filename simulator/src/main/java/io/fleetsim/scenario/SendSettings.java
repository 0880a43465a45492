package io.fleetsim.scenario;

import java.time.Duration;
import java.util.List;

/**
 * How a group's devices push values with the LwM2M 1.1 Send operation (Core §6.4.6 of the TS):
 * a CON {@code POST /dp} in SenML CBOR with the current values of {@code paths}, every {@code every}.
 *
 * @param every time between two Sends of one device; null when the group does not send
 * @param paths the paths whose values each Send carries, as {@code /object/instance/resource} or
 *              {@code /object/instance}, in file order
 */
public record SendSettings(Duration every, List<String> paths) {

    /** No Send. */
    public static final SendSettings NONE = new SendSettings(null, List.of());

    public SendSettings {
        paths = List.copyOf(paths);
    }

    /** Whether the devices send at all. */
    public boolean enabled() {
        return every != null && !paths.isEmpty();
    }
}
