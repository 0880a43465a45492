package io.fleetsim.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The recommendations as plain text lines, for the terminal and docs. */
final class RecommendationTable {

    private RecommendationTable() {
    }

    static List<String> lines(TuneReport report) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-20s %-12s %-16s %-12s %-9s %s", "profile", "group", "recommended",
                "reachability", "msgs/day", "saved vs shortest (messages, bytes, radio)"));
        for (Recommendation r : report.recommendations()) {
            out.add(line(r, report.tune().goal()));
        }
        return out;
    }

    static String line(Recommendation r, String goal) {
        if (!r.meetsGoal()) {
            return String.format(Locale.ROOT, "%-20s %-12s none of the candidates meets the goal (%s); closest: %s at %s",
                    r.profile(), r.group(), goal, r.best().cell().candidate().label(),
                    TuneRunner.ratio(r.best().goalObserved()));
        }
        CellResult c = r.chosen();
        return String.format(Locale.ROOT, "%-20s %-12s %-16s %-12s %-9.0f %s", r.profile(), r.group(),
                c.cell().candidate().label(), TuneRunner.ratio(c.reachability()), c.totalMessagesPerDay(),
                r.shortest() == c ? "(the shortest candidate)" : String.format(Locale.ROOT,
                        "%.0f %%, %.0f %%, %.0f %% vs %s", 100 * r.messagesSaved(), 100 * r.bytesSaved(),
                        100 * r.radioSaved(), r.shortest().cell().candidate().label()))
                + (r.warning() == null ? "" : "; WARNING: " + r.warning());
    }
}
