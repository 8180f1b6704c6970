package io.qunguan.reporting.domain;

import java.time.OffsetDateTime;
import java.util.Optional;

/** Filters of the violations list; every one optional. */
public record ViolationQuery(Optional<String> groupId, Optional<String> memberId, Optional<String> ruleId,
        Optional<OffsetDateTime> from, Optional<OffsetDateTime> to, int page, int size) {

    public static final int MAX_SIZE = 200;
}
