package io.fleetsim.reports;

import java.util.Map;
import java.util.StringJoiner;

/** The non-zero counts of a by-cause map as text, e.g. {@code " (deadMapping 12, uplinkLoss 3)"}. */
final class CauseList {

    private CauseList() {
    }

    /** The non-zero causes in parentheses with a leading space, or the empty string when there are none. */
    static String of(Map<String, Long> counts) {
        StringJoiner causes = new StringJoiner(", ", " (", ")").setEmptyValue("");
        counts.forEach((cause, count) -> {
            if (count != null && count > 0) {
                causes.add(cause + " " + Figures.count(count));
            }
        });
        return causes.toString();
    }
}
