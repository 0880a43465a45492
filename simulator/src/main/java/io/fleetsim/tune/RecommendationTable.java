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
        out.addAll(notes(report));
        return out;
    }

    /**
     * Below the table: the cells run again at a lower timeScale because the simulator fell behind
     * its clock, and those left out of the recommendation because it fell behind even so.
     */
    static List<String> notes(TuneReport report) {
        List<String> out = new ArrayList<>();
        for (CellResult c : report.cells()) {
            if (c.rerun() && !c.behind()) {
                out.add(String.format(Locale.ROOT, "re-run: %s fell behind its clock at %s; its figures are from "
                        + "timeScale %s", c.cell().path(), TuneRunner.timeScales(c.behindAt()),
                        TuneRunner.timeScale(c.timeScale())));
            }
        }
        for (CellResult c : report.cells()) {
            if (c.behind()) {
                out.add("left out: " + c.cell().path() + ": " + c.leftOutReason());
            }
        }
        return out;
    }

    static String line(Recommendation r, String goal) {
        if (r.noCellOnTime()) {
            return String.format(Locale.ROOT, "%-20s %-12s no recommendation can be made: the simulator fell behind "
                    + "its clock in every cell (%s); run with a lower timeScale or fewer devices",
                    r.profile(), r.group(), r.leftOutLabels());
        }
        String leftOut = r.leftOut().isEmpty() ? "" : "; left out (fell behind its clock): " + r.leftOutLabels();
        if (!r.meetsGoal()) {
            return String.format(Locale.ROOT, "%-20s %-12s none of the candidates meets the goal (%s); closest: %s at %s",
                    r.profile(), r.group(), goal, r.best().cell().candidate().label(),
                    TuneRunner.ratio(r.best().goalObserved())) + leftOut;
        }
        CellResult c = r.chosen();
        return String.format(Locale.ROOT, "%-20s %-12s %-16s %-12s %-9.0f %s", r.profile(), r.group(),
                c.cell().candidate().label(), TuneRunner.ratio(c.reachability()), c.totalMessagesPerDay(),
                r.shortest() == c ? "(the shortest candidate)" : String.format(Locale.ROOT,
                        "%.0f %%, %.0f %%, %.0f %% vs %s", 100 * r.messagesSaved(), 100 * r.bytesSaved(),
                        100 * r.radioSaved(), r.shortest().cell().candidate().label()))
                + (r.warning() == null ? "" : "; WARNING: " + r.warning()) + leftOut;
    }
}
