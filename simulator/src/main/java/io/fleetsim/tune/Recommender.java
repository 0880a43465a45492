package io.fleetsim.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks, for each NAT profile and group, the longest candidate interval whose simulated fleet met
 * the goal (within each kind of candidate; between kinds, the one with fewer messages per
 * device-day), and the shortest candidate of the same kind to count the saving against. Only cells
 * that kept up with their clock count: a cell that fell behind is left out.
 */
final class Recommender {

    private Recommender() {
    }

    static List<Recommendation> recommend(TuneFile tune, List<CellResult> results) {
        List<Recommendation> out = new ArrayList<>();
        for (String profile : tune.profiles()) {
            for (String group : tune.groups()) {
                List<CellResult> cells = results.stream()
                        .filter(r -> r.cell().profile().equals(profile) && r.cell().group().equals(group)).toList();
                if (!cells.isEmpty()) {
                    out.add(recommend(profile, group, cells));
                }
            }
        }
        return out;
    }

    /**
     * The recommendation from the cells that kept up with their clock; those that fell behind are
     * left out (their figures near a timeout are distorted), and with none left there is none.
     */
    static Recommendation recommend(String profile, String group, List<CellResult> allCells) {
        List<CellResult> leftOut = allCells.stream().filter(CellResult::behind).toList();
        List<CellResult> cells = allCells.stream().filter(r -> !r.behind()).toList();
        if (cells.isEmpty()) {
            return new Recommendation(profile, group, null, null, null, leftOut);
        }
        Optional<CellResult> chosen = cells.stream().filter(CellResult::goalMet)
                .filter(r -> longestOfItsKindMeetingGoal(r, cells))
                .min(Comparator.comparingDouble(CellResult::totalMessagesPerDay));
        if (chosen.isPresent()) {
            return new Recommendation(profile, group, chosen.get(), shortest(cells, chosen.get().cell().candidate().kind()),
                    chosen.get(), leftOut);
        }
        CellResult best = cells.stream().filter(r -> r.goalObserved() != null)
                .max(Comparator.comparingDouble(CellResult::goalObserved)).orElse(cells.get(0));
        return new Recommendation(profile, group, null, shortest(cells, best.cell().candidate().kind()), best, leftOut);
    }

    private static boolean longestOfItsKindMeetingGoal(CellResult r, List<CellResult> cells) {
        return cells.stream().filter(CellResult::goalMet)
                .filter(o -> o.cell().candidate().kind() == r.cell().candidate().kind())
                .allMatch(o -> o.cell().candidate().seconds() <= r.cell().candidate().seconds());
    }

    private static CellResult shortest(List<CellResult> cells, Candidate.Kind kind) {
        return cells.stream().filter(r -> r.cell().candidate().kind() == kind)
                .min(Comparator.comparingLong(r -> r.cell().candidate().seconds())).orElseThrow();
    }
}
