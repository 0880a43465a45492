package io.fleetsim.scenario;

import java.util.Locale;

/** Reads {@code arrival}: a rate, or a ramp time over which all devices start. */
final class ArrivalReader {

    /** Starts per simulated second when the file names neither rate nor rampSeconds. */
    static final double DEFAULT_RATE = 100;

    private ArrivalReader() {
    }

    static Arrival read(MappingReader top, int deviceCount) {
        if (!top.has(ScenarioKeys.ARRIVAL_SECTION)) {
            return new Arrival(DEFAULT_RATE, Arrival.Profile.CONSTANT, ScenarioKeys.SEED.byDefault().value());
        }
        ValueSite site = top.site(ScenarioKeys.ARRIVAL_SECTION).orElseThrow();
        MappingReader arrival = MappingReader.of(site.source(), site.node(), "arrival",
                top.lineOf(ScenarioKeys.ARRIVAL_SECTION), Section.ARRIVAL);
        double rate = rate(arrival, deviceCount);
        Arrival.Profile profile = Arrival.Profile.valueOf(
                arrival.read(ScenarioKeys.PROFILE).toUpperCase(Locale.ROOT));
        return new Arrival(rate, profile, arrival.read(ScenarioKeys.SEED));
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
