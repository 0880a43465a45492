package io.fleetsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code arrival}: a rate, a ramp time over which all devices start, or load stages. */
final class ArrivalReader {

    /** Starts per simulated second when the file names neither rate nor rampSeconds. */
    static final double DEFAULT_RATE = 100;

    private static final DecimalKey STAGE_DURATION = new DecimalKey(Section.ARRIVAL, "durationSeconds", "s", 0, true,
            ScenarioKeys.ONE_YEAR_SECONDS, KeyDefault.required(), "");
    private static final IntegerKey STAGE_DEVICES = new IntegerKey(Section.ARRIVAL, "devices", "devices", 0,
            ScenarioKeys.MAX_DEVICES, KeyDefault.required(), "");
    private static final List<ScenarioKey<?>> STAGE_KEYS = List.of(STAGE_DURATION, STAGE_DEVICES);

    private ArrivalReader() {
    }

    /**
     * The top-level {@code arrival}; {@code deviceCount} devices share it (those of the groups
     * without an arrival of their own).
     */
    static Arrival read(MappingReader top, int deviceCount) {
        if (!top.has(ScenarioKeys.ARRIVAL_SECTION)) {
            return new Arrival(DEFAULT_RATE, Arrival.Profile.CONSTANT, ScenarioKeys.SEED.byDefault().value());
        }
        ValueSite site = top.site(ScenarioKeys.ARRIVAL_SECTION).orElseThrow();
        MappingReader arrival = MappingReader.of(site.source(), site.node(), "arrival",
                top.lineOf(ScenarioKeys.ARRIVAL_SECTION), Section.ARRIVAL);
        return read(arrival, deviceCount, "the groups without an arrival of their own hold");
    }

    /** A group's own {@code arrival}, or null when it has none. */
    static Arrival readGroup(MappingReader group, int count) {
        return group.site(ScenarioKeys.GROUP_ARRIVAL).map(site -> read(MappingReader.of(site.source(), site.node(),
                site.field(), site.line(), Section.ARRIVAL), count, "the group has")).orElse(null);
    }

    private static Arrival read(MappingReader arrival, int deviceCount, String poolText) {
        Arrival.Profile profile = Arrival.Profile.valueOf(
                arrival.read(ScenarioKeys.PROFILE).toUpperCase(Locale.ROOT));
        long seed = arrival.read(ScenarioKeys.SEED);
        Arrival.StopOrder stopOrder = Arrival.StopOrder.valueOf(
                arrival.read(ScenarioKeys.STOP_ORDER).toUpperCase(Locale.ROOT));
        if (arrival.has(ScenarioKeys.STAGES)) {
            for (ScenarioKey<?> other : List.of(ScenarioKeys.RATE, ScenarioKeys.RAMP)) {
                if (arrival.has(other)) {
                    throw arrival.error(other, "cannot be used together with " + arrival.field(ScenarioKeys.STAGES)
                            + " (line " + arrival.lineOf(ScenarioKeys.STAGES) + "); give one of them");
                }
            }
            return new Arrival(0, profile, seed, stages(arrival.site(ScenarioKeys.STAGES).orElseThrow(),
                    deviceCount, poolText), stopOrder);
        }
        if (arrival.has(ScenarioKeys.STOP_ORDER)) {
            throw arrival.error(ScenarioKeys.STOP_ORDER, "only applies with arrival.stages, which this arrival does not "
                    + "give");
        }
        return new Arrival(rate(arrival, deviceCount), profile, seed, List.of(), stopOrder);
    }

    private static List<Arrival.Stage> stages(ValueSite site, int deviceCount, String poolText) {
        if (!(site.node() instanceof SequenceNode list)) {
            throw site.fail("expected a list of stages such as [{durationSeconds: 60, devices: 100}], got "
                    + ScalarValues.describe(site.node()));
        }
        if (list.getValue().isEmpty()) {
            throw site.fail("must list at least one stage");
        }
        List<Arrival.Stage> stages = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            String path = site.field() + "[" + i + "]";
            MappingReader stage = MappingReader.of(site.source(), items.get(i), path,
                    ScenarioSource.lineOf(items.get(i)), STAGE_KEYS);
            double duration = stage.read(STAGE_DURATION);
            long devices = stage.read(STAGE_DEVICES);
            if (devices > deviceCount) {
                throw stage.error(STAGE_DEVICES, "asks for " + devices + " active devices, but " + poolText
                        + " only " + deviceCount + "; raise the count or lower the stage");
            }
            stages.add(new Arrival.Stage(duration, (int) devices));
        }
        return stages;
    }

    private static double rate(MappingReader arrival, int deviceCount) {
        if (arrival.has(ScenarioKeys.RATE) && arrival.has(ScenarioKeys.RAMP)) {
            throw arrival.error(ScenarioKeys.RAMP, "cannot be used together with arrival.rate (line "
                    + arrival.lineOf(ScenarioKeys.RATE) + "); give one of them");
        }
        if (!arrival.has(ScenarioKeys.RAMP)) {
            return arrival.readOptional(ScenarioKeys.RATE).orElse(DEFAULT_RATE);
        }
        double ramp = arrival.read(ScenarioKeys.RAMP);
        double rate = deviceCount / ramp;
        if (rate > ScenarioKeys.MAX_DEVICES) {
            throw arrival.error(ScenarioKeys.RAMP, "starting " + deviceCount + " devices in "
                    + DecimalKey.format(ramp) + " s is more than " + ScenarioKeys.MAX_DEVICES
                    + " starts per second; use a longer ramp");
        }
        return rate;
    }
}
