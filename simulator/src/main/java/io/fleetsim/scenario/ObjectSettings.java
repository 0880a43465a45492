package io.fleetsim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One LwM2M object a device of the group has beyond Security {@code /0}, Server {@code /1} and
 * Device {@code /3}, with how its values move.
 *
 * @param id                 the object id, one of {@link #SUPPORTED}
 * @param instances          how many instances each device has (1 for single-instance objects)
 * @param changeEverySeconds simulated seconds between two steps of the object's values
 * @param min                lowest value of a sensor's value (sensors only; else NaN)
 * @param max                highest value of a sensor's value (sensors only; else NaN)
 */
public record ObjectSettings(int id, int instances, double changeEverySeconds, double min, double max) {

    /** What fleetsim knows of an object it simulates. */
    public record Kind(String name, boolean multiInstance, boolean sensor, double defaultMin, double defaultMax) {
    }

    /** The objects fleetsim simulates, by id. */
    public static final Map<Integer, Kind> SUPPORTED = supported();

    /** Default step of the values, in seconds. */
    public static final double DEFAULT_CHANGE_EVERY_SECONDS = 10;

    private static Map<Integer, Kind> supported() {
        Map<Integer, Kind> kinds = new LinkedHashMap<>();
        kinds.put(4, new Kind("Connectivity Monitoring", false, false, Double.NaN, Double.NaN));
        kinds.put(5, new Kind("Firmware Update", false, false, Double.NaN, Double.NaN));
        kinds.put(6, new Kind("Location", false, false, Double.NaN, Double.NaN));
        kinds.put(3300, new Kind("Generic Sensor", true, true, 0, 100));
        kinds.put(3303, new Kind("Temperature", true, true, -10, 40));
        kinds.put(3304, new Kind("Humidity", true, true, 0, 100));
        kinds.put(3323, new Kind("Pressure", true, true, 950, 1050));
        return Map.copyOf(kinds);
    }

    /** The supported ids with their names, for messages: {@code 4 (Connectivity Monitoring), ...}. */
    public static String supportedText() {
        return SUPPORTED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " (" + e.getValue().name() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The object with its defaults. */
    public static ObjectSettings defaultsFor(int id) {
        Kind kind = SUPPORTED.get(id);
        return new ObjectSettings(id, 1, DEFAULT_CHANGE_EVERY_SECONDS, kind.defaultMin(), kind.defaultMax());
    }

    public Kind kind() {
        return SUPPORTED.get(id);
    }
}
