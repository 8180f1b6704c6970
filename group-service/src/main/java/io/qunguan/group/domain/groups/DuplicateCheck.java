package io.qunguan.group.domain.groups;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Needless duplicates (GL-3): a request resembles an existing group when, in the same department, the purposes
 * are alike (Dice coefficient of character bigrams ≥ {@value #SIMILAR_PURPOSE}, which suits Chinese text without
 * word segmentation), or when at least {@value #MEMBER_OVERLAP} of the intended members are already its members.
 */
public final class DuplicateCheck {

    static final double SIMILAR_PURPOSE = 0.5;
    static final double MEMBER_OVERLAP = 0.7;

    /** An existing group as the check sees it. */
    public record Candidate(String groupId, String name, String departmentId, String purpose, Set<String> members) {
    }

    private DuplicateCheck() {
    }

    /** Why the request resembles {@code candidate}, or empty. */
    public static Optional<String> resemblance(String departmentId, String purpose, List<String> intendedMembers,
            Candidate candidate) {
        if (departmentId != null && departmentId.equals(candidate.departmentId())) {
            double similarity = similarity(purpose, candidate.purpose());
            if (similarity >= SIMILAR_PURPOSE) {
                return Optional.of("same department and a similar purpose (%.0f%% alike)".formatted(similarity * 100));
            }
        }
        Set<String> intended = new HashSet<>(intendedMembers);
        if (!intended.isEmpty()) {
            long shared = intended.stream().filter(candidate.members()::contains).count();
            double overlap = (double) shared / intended.size();
            if (overlap >= MEMBER_OVERLAP) {
                return Optional.of("%d of %d intended members are already members (%.0f%%)"
                        .formatted(shared, intended.size(), overlap * 100));
            }
        }
        return Optional.empty();
    }

    /** Dice coefficient of the two texts' character bigrams (whitespace and punctuation ignored), 0 to 1. */
    static double similarity(String a, String b) {
        Set<String> left = bigrams(a);
        Set<String> right = bigrams(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        long shared = left.stream().filter(right::contains).count();
        return 2.0 * shared / (left.size() + right.size());
    }

    private static Set<String> bigrams(String text) {
        int[] points = (text == null ? "" : text).codePoints()
                .filter(Character::isLetterOrDigit).map(Character::toLowerCase).toArray();
        Set<String> bigrams = new HashSet<>();
        for (int i = 0; i + 1 < points.length; i++) {
            bigrams.add(new String(points, i, 2));
        }
        if (points.length == 1) {
            bigrams.add(new String(points, 0, 1));
        }
        return bigrams;
    }
}
