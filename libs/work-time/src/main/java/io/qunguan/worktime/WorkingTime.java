package io.qunguan.worktime;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * Working time in one time zone: working days by a {@link WorkCalendar} (or every day, where days off do not count)
 * outside the quiet hours. notification-service holds non-urgent notices until then; moderation-service finds
 * messages sent outside it (BH-2).
 */
public final class WorkingTime {

    private final ZoneId zone;
    private final LocalTime quietFrom;
    private final LocalTime quietUntil;
    /** Null where every day is a working day. */
    private final WorkCalendar calendar;

    /**
     * @param quietFrom  the start of the quiet hours (they may span midnight), or null for none
     * @param quietUntil their end, or null for none
     * @param calendar   the working days, or null where days off do not count
     */
    public WorkingTime(ZoneId zone, LocalTime quietFrom, LocalTime quietUntil, WorkCalendar calendar) {
        this.zone = zone;
        this.quietFrom = quietFrom;
        this.quietUntil = quietUntil;
        this.calendar = calendar;
    }

    /**
     * @param quietHours      {@code HH:mm-HH:mm} (may span midnight, e.g. {@code 22:00-08:00}), or {@code none}
     * @param calendar        the lines of a calendar (see {@link WorkCalendar#parse})
     * @param workingDaysOnly false where days off do not count (the quiet hours still hold)
     * @throws IllegalArgumentException naming the line or setting that cannot be read
     */
    public static WorkingTime of(ZoneId zone, String quietHours, List<String> calendar, boolean workingDaysOnly) {
        LocalTime from = null;
        LocalTime until = null;
        if (!quietHours.isBlank() && !quietHours.strip().equalsIgnoreCase("none")) {
            String[] parts = quietHours.strip().split("-");
            try {
                from = LocalTime.parse(parts[0].strip());
                until = LocalTime.parse(parts[1].strip());
            } catch (DateTimeException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("quiet hours must be HH:mm-HH:mm or none, not " + quietHours);
            }
        }
        WorkCalendar days = WorkCalendar.parse(calendar);
        return new WorkingTime(zone, from, until, workingDaysOnly ? days : null);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean workingDay(LocalDate day) {
        return calendar == null || calendar.workingDay(day);
    }

    public boolean quiet(LocalTime time) {
        if (quietFrom == null || quietUntil == null || quietFrom.equals(quietUntil)) {
            return false;
        }
        return quietFrom.isBefore(quietUntil) ? !time.isBefore(quietFrom) && time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) || time.isBefore(quietUntil);
    }

    /** Whether {@code at} is rest time: a day off, or the quiet hours of a working day. */
    public boolean rest(OffsetDateTime at) {
        ZonedDateTime local = at.atZoneSameInstant(zone);
        return !workingDay(local.toLocalDate()) || quiet(local.toLocalTime());
    }

    /** The earliest moment at or after {@code at} on a working day outside the quiet hours. */
    public OffsetDateTime nextAllowed(OffsetDateTime at) {
        ZonedDateTime t = at.atZoneSameInstant(zone);
        // a year of days off in a row would be a broken calendar; stop looking rather than loop
        for (int step = 0; step < 800; step++) {
            boolean working = workingDay(t.toLocalDate());
            if (working && !quiet(t.toLocalTime())) {
                return t.toOffsetDateTime().withOffsetSameInstant(at.getOffset());
            }
            if (working && t.toLocalTime().isBefore(quietUntil)) {
                t = t.toLocalDate().atTime(quietUntil).atZone(zone);
            } else {
                t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
            }
        }
        throw new IllegalStateException("no working time within two years of " + at + ": the calendar is broken");
    }

    /** The years the calendar lists dates of; empty where days off do not count. */
    public Set<Integer> yearsCovered() {
        return calendar == null ? Set.of() : calendar.yearsCovered();
    }
}
