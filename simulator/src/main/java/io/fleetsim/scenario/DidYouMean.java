package io.fleetsim.scenario;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Suggests the closest known words for a misspelt one (Levenshtein distance of at most 2). */
final class DidYouMean {

    static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    /** The known words nearest to {@code typed} (ties kept, in their order), if within {@link #MAX_DISTANCE}. */
    static List<String> closest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int best = known.stream().mapToInt(word -> distance(lower, word.toLowerCase(Locale.ROOT)))
                .min().orElse(Integer.MAX_VALUE);
        if (best > MAX_DISTANCE) {
            return List.of();
        }
        return known.stream().filter(word -> distance(lower, word.toLowerCase(Locale.ROOT)) == best).toList();
    }

    /** {@code "did you mean 'x'?"} or {@code "did you mean 'x' or 'y'?"}; "" when nothing is close. */
    static String suggestion(String typed, Collection<String> known) {
        List<String> close = closest(typed, known);
        if (close.isEmpty()) {
            return "";
        }
        return "did you mean " + close.stream().map(w -> "'" + w + "'").collect(Collectors.joining(" or ")) + "?";
    }

    /** {@code " (did you mean 'x'?)"}, or {@code " (known: a, b, c)"} when nothing is close. */
    static String hint(String typed, Collection<String> known) {
        String suggestion = suggestion(typed, known);
        return suggestion.isEmpty() ? " (known: " + String.join(", ", known) + ")" : " (" + suggestion + ")";
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
