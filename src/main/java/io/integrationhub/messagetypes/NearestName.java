package io.integrationhub.messagetypes;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a mistyped one most likely meant: the candidate at the smallest edit distance (Levenshtein, ignoring
 * case), if that distance is small enough to be a typo — at most a third of the typed name, and at least 2 allowed.
 * Of equally near candidates the first in the collection's order wins.
 */
final class NearestName {

    private NearestName() {
    }

    static Optional<String> among(String typed, Collection<String> candidates) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, typed.length() / 3);
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < best) {
                best = distance;
                nearest = candidate;
            }
        }
        return best <= allowed ? Optional.of(nearest) : Optional.empty();
    }

    /** Levenshtein distance with two rows: insertions, deletions and substitutions each cost 1. */
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
