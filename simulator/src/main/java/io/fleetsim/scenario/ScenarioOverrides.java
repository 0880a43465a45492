package io.fleetsim.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Command line overrides of a loaded scenario. Each checks the new value by the same rules as the
 * file does and reports a problem under the flag's name, e.g. {@code --devices: must be at least 1, got 0}.
 */
public final class ScenarioOverrides {

    public static final String DEVICES_FLAG = "--devices";
    public static final String TARGET_FLAG = "--target";
    public static final String DURATION_FLAG = "--duration";
    public static final String TIME_SCALE_FLAG = "--time-scale";

    private ScenarioOverrides() {
    }

    /**
     * Sets the device count of a single-group scenario. The arrival rate stays as it is, so a
     * scenario written with {@code rampSeconds} ramps over a shorter or longer time.
     */
    public static Scenario withDeviceCount(Scenario scenario, long count) {
        if (scenario.groups().size() != 1) {
            throw ScenarioException.ofFlag(DEVICES_FLAG, "cannot scale a scenario with "
                    + scenario.groups().size() + " device groups; change the counts in the file");
        }
        int checked = Math.toIntExact(checked(DEVICES_FLAG, () -> ScenarioKeys.COUNT.check(count)));
        DeviceGroup group = scenario.groups().get(0);
        DeviceGroup scaled = group.withCount(checked);
        Arrival arrival = group.arrival() != null ? group.arrival() : scenario.arrival();
        if (arrival.peakDevices() > checked) {
            throw ScenarioException.ofFlag(DEVICES_FLAG, checked + " devices are fewer than the "
                    + arrival.peakDevices() + " active devices arrival.stages asks for; change the stages in the file");
        }
        return copy(scenario, List.of(scaled), scenario.target(), scenario.duration(), scenario.timeScale());
    }

    /** Points the run at {@code coap://host:port}; null means the embedded server. */
    public static Scenario withTarget(Scenario scenario, String target) {
        String checked = target == null ? null : checked(TARGET_FLAG, () -> ScenarioKeys.TARGET.check(target));
        if (checked != null && scenario.server().any()) {
            throw ScenarioException.ofFlag(TARGET_FLAG, "the scenario's server section sets protections of the "
                    + "embedded server, and with a target there is none: remove server from the scenario, or --target");
        }
        if (checked != null && scenario.events().stream().anyMatch(e -> e instanceof RunEvent.ServerOutage)) {
            throw ScenarioException.ofFlag(TARGET_FLAG, "the scenario's events hold a serverOutage, which stops "
                    + "and restarts the embedded server; it cannot be used with an external target");
        }
        return copy(scenario, scenario.groups(), checked, scenario.duration(), scenario.timeScale());
    }

    /** Sets the run length in simulated seconds. */
    public static Scenario withDurationSeconds(Scenario scenario, long seconds) {
        long checked = checked(DURATION_FLAG, () -> ScenarioKeys.DURATION.check(seconds));
        return copy(scenario, scenario.groups(), scenario.target(), Duration.ofSeconds(checked), scenario.timeScale());
    }

    /** Sets how many simulated seconds pass per wall-clock second. */
    public static Scenario withTimeScale(Scenario scenario, double timeScale) {
        double checked = checked(TIME_SCALE_FLAG, () -> ScenarioKeys.TIME_SCALE.check(timeScale));
        return copy(scenario, scenario.groups(), scenario.target(), scenario.duration(), checked);
    }

    private static <T> T checked(String flag, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidValueException e) {
            throw ScenarioException.ofFlag(flag, e.getMessage());
        }
    }

    private static Scenario copy(Scenario s, List<DeviceGroup> groups, String target, Duration duration,
                                 double timeScale) {
        return new Scenario(s.name(), s.source(), target, groups, s.arrival(), s.lifetime(), s.updateInterval(),
                duration, timeScale, s.coap(), s.registrationRetry(), s.deregisterAtEnd(), s.thresholds(), s.probe(),
                s.radio(), s.server(), s.events(), s.dns());
    }
}
