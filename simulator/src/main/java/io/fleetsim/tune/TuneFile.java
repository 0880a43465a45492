package io.fleetsim.tune;

import java.nio.file.Path;
import java.util.List;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.RadioSettings;

/**
 * A checked tune file: the sweep's settings and every cell's scenario, built before anything runs.
 *
 * @param name           the base scenario's name, used in the results directory name
 * @param source         the file
 * @param profiles       NAT profiles, in file order
 * @param groups         group names, in file order
 * @param candidates     keepalive candidates, in file order
 * @param devicesPerCell devices in every cell
 * @param goal           the rule a cell must meet, e.g. {@code reachability >= 0.999}
 * @param radio          the radio model every cell measures radio-on time with (the scenario's {@code radio})
 * @param cells          profile x group x candidate, in that nesting order
 */
public record TuneFile(String name, Path source, List<String> profiles, List<String> groups,
        List<Candidate> candidates, int devicesPerCell, String goal, RadioSettings radio, List<TuneCell> cells) {

    public TuneFile {
        profiles = List.copyOf(profiles);
        groups = List.copyOf(groups);
        candidates = List.copyOf(candidates);
        cells = List.copyOf(cells);
    }

    /** The same sweep with every cell's scenario changed (command line overrides). */
    public TuneFile withCells(java.util.function.UnaryOperator<io.fleetsim.scenario.Scenario> change) {
        List<TuneCell> changed = cells.stream()
                .map(c -> new TuneCell(c.profile(), c.group(), c.candidate(), change.apply(c.scenario()))).toList();
        return new TuneFile(name, source, profiles, groups, candidates,
                changed.get(0).scenario().deviceCount(), goal, radio, changed);
    }

    /**
     * The device groups of every cell, each with the endpoint prefix of its cell: what the
     * servers of the sweep serve (their transports) and know (the credentials of secure groups).
     */
    public List<DeviceGroup> cellGroups() {
        return cells.stream().flatMap(c -> c.scenario().groups().stream()).toList();
    }

    /** Simulated seconds every cell runs. */
    public long cellSeconds() {
        return cells.get(0).scenario().duration().toSeconds();
    }

    /** Simulated seconds per wall second. */
    public double timeScale() {
        return cells.get(0).scenario().timeScale();
    }
}
