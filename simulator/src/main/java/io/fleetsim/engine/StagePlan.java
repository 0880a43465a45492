package io.fleetsim.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.Arrival;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;

/**
 * The planned number of active devices of a run with load stages ({@code arrival.stages}), as
 * {@code summary.json}'s {@code arrival} section: the whole fleet's plan as points joined by straight
 * lines, and the plan at the end of each stage, so a report can set what was registered beside it.
 * <p>
 * Each arrival (the top-level one, shared by the groups without their own, and each group's own)
 * contributes its part: a staged arrival its ramps ({@link StageSchedule}: linear from the previous
 * stage's target, 0 before the first, holding after the last); a plain-rate arrival a ramp from 0 to
 * its device count over count / rate seconds. The fleet's plan is their sum, with a point at every
 * moment one of them changes slope.
 */
public final class StagePlan {

    /** One point of the plan: {@code devices} planned active at {@code atSeconds} of simulated time. */
    public record Point(double atSeconds, double devices) {
    }

    /**
     * One stage's end: the stage's name ({@code 1}, {@code 2}, ... for the top-level arrival,
     * {@code <group> 1}, ... for a group's own), when it ends and the fleet's plan at that moment.
     */
    public record StageEnd(String stage, double endSeconds, double devices) {
    }

    /** One arrival's part of the plan: its corner points, holding after the last. */
    private record Part(String name, List<Point> corners, boolean staged) {

        double at(double seconds) {
            Point previous = corners.get(0);
            for (Point next : corners) {
                if (seconds <= next.atSeconds()) {
                    if (next.atSeconds() == previous.atSeconds()) {
                        return next.devices();
                    }
                    double share = (seconds - previous.atSeconds()) / (next.atSeconds() - previous.atSeconds());
                    return previous.devices() + share * (next.devices() - previous.devices());
                }
                previous = next;
            }
            return previous.devices();
        }
    }

    private final List<Part> parts;
    /** The run's length, simulated seconds: the plan holds its last count until then. */
    private final double runSeconds;

    private StagePlan(List<Part> parts, double runSeconds) {
        this.parts = parts;
        this.runSeconds = runSeconds;
    }

    /** The plan of {@code scenario}'s arrivals. */
    public static StagePlan of(Scenario scenario) {
        List<Part> parts = new ArrayList<>();
        int shared = scenario.groups().stream().filter(g -> g.arrival() == null).mapToInt(DeviceGroup::count).sum();
        if (shared > 0) {
            parts.add(part("", scenario.arrival(), shared));
        }
        for (DeviceGroup group : scenario.groups()) {
            if (group.arrival() != null) {
                parts.add(part(group.name() + " ", group.arrival(), group.count()));
            }
        }
        return new StagePlan(parts, scenario.duration().toMillis() / 1000.0);
    }

    private static Part part(String prefix, Arrival arrival, int devices) {
        List<Point> corners = new ArrayList<>();
        corners.add(new Point(0, 0));
        if (!arrival.staged()) {
            corners.add(new Point(devices / arrival.ratePerSecond(), devices));
            return new Part(prefix, corners, false);
        }
        double end = 0;
        for (Arrival.Stage stage : arrival.stages()) {
            end += stage.durationSeconds();
            corners.add(new Point(end, stage.devices()));
        }
        return new Part(prefix, corners, true);
    }

    /** Whether some arrival of the run has stages: only then is there a plan to show. */
    public boolean staged() {
        return parts.stream().anyMatch(Part::staged);
    }

    /** The fleet's planned active devices at {@code seconds} of simulated time. */
    public double devicesAt(double seconds) {
        return parts.stream().mapToDouble(p -> p.at(seconds)).sum();
    }

    /**
     * The fleet's plan: a point at 0, at every corner of any arrival's part, and at the run's end
     * when the plan holds until then, in time order.
     */
    public List<Point> points() {
        TreeSet<Double> times = new TreeSet<>();
        parts.forEach(p -> p.corners().forEach(c -> times.add(c.atSeconds())));
        if (runSeconds > times.last()) {
            times.add(runSeconds);
        }
        return times.stream().map(t -> new Point(t, devicesAt(t))).toList();
    }

    /** The end of every stage of every staged arrival, in time order. */
    public List<StageEnd> stageEnds() {
        List<StageEnd> ends = new ArrayList<>();
        for (Part part : parts) {
            if (!part.staged()) {
                continue;
            }
            for (int i = 1; i < part.corners().size(); i++) {
                double end = part.corners().get(i).atSeconds();
                ends.add(new StageEnd(part.name() + i, end, devicesAt(end)));
            }
        }
        ends.sort(java.util.Comparator.comparingDouble(StageEnd::endSeconds));
        return ends;
    }

    /**
     * The {@code arrival} section of {@code summary.json} ({@code plan} and {@code stages}), or null
     * when no arrival has stages. {@code registered} holds the devices registered at a stage's end by
     * its index in {@link #stageEnds()}; a stage without one (not reached yet) gets null. See
     * docs/results-format.md.
     */
    public Map<String, Object> toJson(Map<Integer, Long> registered) {
        if (!staged()) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plan", points().stream().map(p -> SummaryJson.map("atSeconds", SummaryJson.round(p.atSeconds()),
                "devices", SummaryJson.round(p.devices()))).toList());
        List<StageEnd> ends = stageEnds();
        List<Map<String, Object>> stages = new ArrayList<>();
        for (int i = 0; i < ends.size(); i++) {
            StageEnd e = ends.get(i);
            stages.add(SummaryJson.map("stage", e.stage(), "endSeconds", SummaryJson.round(e.endSeconds()),
                    "devices", SummaryJson.round(e.devices()), "registered", registered.get(i)));
        }
        json.put("stages", stages);
        return json;
    }

}
