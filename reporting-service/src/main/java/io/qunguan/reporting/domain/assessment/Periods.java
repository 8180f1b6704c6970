package io.qunguan.reporting.domain.assessment;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period from query parameters: {@code period=2026-11} (a month) or {@code 2026-Q4} (a quarter) in the
 * company's zone, or {@code from} and {@code to}; this month when none is given. Each comes with the period before
 * it: the previous month or quarter, or as long a range just before.
 */
public final class Periods {

    /** A period that cannot be read as asked. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private Periods() {
    }

    /** The period asked for; {@link Invalid} when it cannot be read. */
    public static Assessment.Period of(String period, String from, String to, ZoneId zone) {
        if (period != null && !period.isBlank()) {
            Matcher quarter = QUARTER.matcher(period.strip());
            if (quarter.matches()) {
                return months(YearMonth.of(Integer.parseInt(quarter.group(1)),
                        (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1), 3, zone);
            }
            try {
                return months(YearMonth.parse(period.strip()), 1, zone);
            } catch (DateTimeParseException e) {
                throw new Invalid("period is a month (2026-11) or a quarter (2026-Q4)");
            }
        }
        if (from == null && to == null) {
            return months(YearMonth.now(zone), 1, zone);
        }
        OffsetDateTime since = time("from", from);
        OffsetDateTime until = time("to", to);
        if (since == null || until == null || !since.isBefore(until)) {
            throw new Invalid("from and to go together, from before to");
        }
        if (since.plusDays(400).isBefore(until)) {
            throw new Invalid("a period is at most 400 days");
        }
        return new Assessment.Period(since, until, since.minus(Duration.between(since, until)), since);
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid(name + " must be ISO-8601 with an offset");
        }
    }

    /** A short name of the period for a file: 2026-11, 2026-Q4, or the range's first and last day. */
    public static String label(String period, Assessment.Period of, ZoneId zone) {
        if (period != null && !period.isBlank()) {
            return period.strip();
        }
        return of.from().atZoneSameInstant(zone).toLocalDate() + "_" + of.to().minusNanos(1)
                .atZoneSameInstant(zone).toLocalDate();
    }

    private static Assessment.Period months(YearMonth first, int months, ZoneId zone) {
        OffsetDateTime from = startOf(first, zone);
        return new Assessment.Period(from, startOf(first.plusMonths(months), zone),
                startOf(first.minusMonths(months), zone), from);
    }

    /** The first moment of a month in the company's zone, in UTC. */
    private static OffsetDateTime startOf(YearMonth month, ZoneId zone) {
        return month.atDay(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }
}
