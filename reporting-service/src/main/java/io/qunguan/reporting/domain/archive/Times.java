package io.qunguan.reporting.domain.archive;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A {@code timestamptz} column of a native query's row, as UTC time, whichever Java type the driver chose. */
public final class Times {

    private Times() {
    }

    public static OffsetDateTime of(Object column) {
        return switch (column) {
            case null -> null;
            case OffsetDateTime time -> time;
            case Instant instant -> instant.atOffset(ZoneOffset.UTC);
            case Timestamp timestamp -> timestamp.toInstant().atOffset(ZoneOffset.UTC);
            default -> throw new IllegalArgumentException("not a time: " + column.getClass().getName());
        };
    }
}
