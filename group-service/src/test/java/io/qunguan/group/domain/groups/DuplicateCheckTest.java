package io.qunguan.group.domain.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GL-3: a request resembling a live group (same department and purpose, or most members shared) is flagged. */
class DuplicateCheckTest {

    private static final DuplicateCheck.Candidate LIVE = new DuplicateCheck.Candidate("g-1", "市场部-新品推广组",
            "D-MKT", "新品上市推广活动的日常协调", Set.of("E1", "E2", "E3", "E4", "E5"));

    @Test
    void gl3ASimilarPurposeInTheSameDepartmentIsFlagged() {
        Optional<String> reason = DuplicateCheck.resemblance("D-MKT", "新品上市推广活动协调", List.of(), LIVE);
        assertTrue(reason.orElseThrow().contains("similar purpose"), reason.toString());
    }

    @Test
    void gl3TheSamePurposeInAnotherDepartmentOrAnUnrelatedPurposeIsNot() {
        assertEquals(Optional.empty(), DuplicateCheck.resemblance("D-TECH", "新品上市推广活动协调", List.of(), LIVE));
        assertEquals(Optional.empty(), DuplicateCheck.resemblance("D-MKT", "年度预算编制", List.of(), LIVE));
    }

    @Test
    void gl3SeventyPercentOfTheIntendedMembersAlreadyTogetherIsFlagged() {
        Optional<String> reason = DuplicateCheck.resemblance("D-TECH", "年度预算编制",
                List.of("E1", "E2", "E3", "E9", "E4", "E5", "E6", "E7", "E8", "E10"), LIVE);
        assertEquals(Optional.empty(), reason, "5 of 10 is below 70%");
        reason = DuplicateCheck.resemblance("D-TECH", "年度预算编制", List.of("E1", "E2", "E3", "E9", "E4", "E5", "E6"),
                LIVE);
        assertTrue(reason.orElseThrow().contains("5 of 7 intended members"), reason.toString());
    }

    @Test
    void similarityIsADiceCoefficientOfBigrams() {
        assertEquals(1.0, DuplicateCheck.similarity("新品推广", "新品推广"), 1e-9);
        assertEquals(0.0, DuplicateCheck.similarity("新品推广", "预算编制"), 1e-9);
        assertEquals(2.0 * 2 / (3 + 3), DuplicateCheck.similarity("新品推广", "新品推销"), 1e-9);
    }
}
