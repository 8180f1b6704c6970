package io.qunguan.notification.domain.notices;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a notice that is not urgent may reach a person: on a working day (weekends off, public holidays off, adjusted
 * working days (调休) on, from a calendar file) and outside the quiet hours, in the company's time zone.
 */
public final class WorkingTime {

    private final ZoneId zone;
    private final LocalTime quietFrom;
    private final LocalTime quietUntil;
    /** Dates that differ from the weekday rule: true a working day, false a day off. */
    private final Map<LocalDate, Boolean> exceptions;
    private final boolean workingDaysOnly;

    private WorkingTime(ZoneId zone, LocalTime quietFrom, LocalTime quietUntil, Map<LocalDate, Boolean> exceptions,
            boolean workingDaysOnly) {
        this.zone = zone;
        this.workingDaysOnly = workingDaysOnly;
        this.quietFrom = quietFrom;
        this.quietUntil = quietUntil;
        this.exceptions = Map.copyOf(exceptions);
    }

    /**
     * @param quietHours {@code HH:mm-HH:mm} (may span midnight, e.g. {@code 22:00-08:00}), or {@code none}
     * @param calendar        lines {@code <yyyy-MM-dd> off|work [name]}; blank lines and {@code #} comments are
     *                        skipped
     * @param workingDaysOnly false where notices may also go on days off (the quiet hours still hold)
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
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        for (int i = 0; i < calendar.size(); i++) {
            String line = calendar.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+", 3);
            try {
                LocalDate date = LocalDate.parse(fields[0]);
                switch (fields[1]) {
                    case "off" -> exceptions.put(date, false);
                    case "work" -> exceptions.put(date, true);
                    default -> throw new IllegalArgumentException("the second field is off or work");
                }
            } catch (DateTimeException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                throw new IllegalArgumentException("calendar line " + (i + 1) + " is not '<yyyy-MM-dd> off|work "
                        + "[name]': " + line);
            }
        }
        return new WorkingTime(zone, from, until, exceptions, workingDaysOnly);
    }

    public boolean workingDay(LocalDate day) {
        if (!workingDaysOnly) {
            return true;
        }
        Boolean exception = exceptions.get(day);
        if (exception != null) {
            return exception;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public boolean quiet(LocalTime time) {
        if (quietFrom == null || quietFrom.equals(quietUntil)) {
            return false;
        }
        return quietFrom.isBefore(quietUntil) ? !time.isBefore(quietFrom) && time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) || time.isBefore(quietUntil);
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

    /** The years the calendar lists dates of: a year missing here follows the weekday rule only. */
    public Set<Integer> yearsCovered() {
        Set<Integer> years = new TreeSet<>();
        exceptions.keySet().forEach(date -> years.add(date.getYear()));
        return years;
    }
}
