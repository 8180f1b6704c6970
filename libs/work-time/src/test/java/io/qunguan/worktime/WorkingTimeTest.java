package io.qunguan.worktime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Working time in China Standard Time with the shipped calendar: weekends, public holidays, 调休, quiet hours. */
class WorkingTimeTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final WorkingTime time = WorkingTime.of(SHANGHAI, "22:00-08:00", shippedCalendar(), true);

    private static List<String> shippedCalendar() {
        return WorkCalendar.shippedLines();
    }

    private static OffsetDateTime cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00");
    }

    @Test
    void aWorkingDayOutsideTheQuietHoursIsNow() {
        assertEquals(cst("2026-12-01T10:15:00"), time.nextAllowed(cst("2026-12-01T10:15:00")));
        assertEquals(cst("2026-12-01T08:00:00"), time.nextAllowed(cst("2026-12-01T08:00:00")));
    }

    @Test
    void theQuietHoursWaitForTheMorningAcrossMidnight() {
        assertEquals(cst("2026-12-02T08:00:00"), time.nextAllowed(cst("2026-12-01T22:00:00")));
        assertEquals(cst("2026-12-02T08:00:00"), time.nextAllowed(cst("2026-12-01T23:30:00")));
        assertEquals(cst("2026-12-02T08:00:00"), time.nextAllowed(cst("2026-12-02T06:59:00")));
        // the answer keeps the offset it was asked in
        assertEquals(OffsetDateTime.parse("2026-12-02T00:00:00Z"),
                time.nextAllowed(OffsetDateTime.parse("2026-12-01T15:30:00Z")));
    }

    @Test
    void aWeekendWaitsForMondayMorning() {
        assertEquals(cst("2026-12-07T08:00:00"), time.nextAllowed(cst("2026-12-04T23:00:00")));
        assertEquals(cst("2026-12-07T08:00:00"), time.nextAllowed(cst("2026-12-05T10:00:00")));
    }

    @Test
    void publicHolidaysWaitAndAdjustedWorkingDaysWork() {
        // 国庆节 1-7 October 2026, 10 October (a Saturday) a working day
        assertEquals(cst("2026-10-08T08:00:00"), time.nextAllowed(cst("2026-10-01T09:00:00")));
        assertTrue(time.workingDay(LocalDate.parse("2026-10-10")));
        assertEquals(cst("2026-10-10T11:00:00"), time.nextAllowed(cst("2026-10-10T11:00:00")));
        assertEquals(cst("2026-09-20T08:00:00"), time.nextAllowed(cst("2026-09-20T07:00:00")), "a working Sunday");
        // 春节 15-23 February, then work on Saturday 28 February
        assertEquals(cst("2026-02-24T08:00:00"), time.nextAllowed(cst("2026-02-14T22:30:00")));
        assertTrue(time.workingDay(LocalDate.parse("2026-02-28")));
        assertFalse(time.workingDay(LocalDate.parse("2026-06-19")), "端午节 on a Friday");
        assertEquals(Set.of(2026), time.yearsCovered());
    }

    @Test
    void withoutQuietHoursOrWorkingDaysOnlyAnyTimeIsWorkingTime() {
        WorkingTime always = WorkingTime.of(SHANGHAI, "none", shippedCalendar(), false);
        assertEquals(cst("2026-10-01T23:30:00"), always.nextAllowed(cst("2026-10-01T23:30:00")));
        WorkingTime lunch = WorkingTime.of(SHANGHAI, "12:00-13:30", List.of(), true);
        assertEquals(cst("2026-12-01T13:30:00"), lunch.nextAllowed(cst("2026-12-01T12:10:00")));
    }

    /** BH-2: rest time is a day off, or the quiet hours of a working day. */
    @Test
    void restTimeIsADayOffOrTheQuietHours() {
        assertTrue(time.rest(cst("2026-12-01T23:30:00")));
        assertFalse(time.rest(cst("2026-12-01T21:59:00")));
        assertTrue(time.rest(cst("2026-12-05T10:00:00")), "a Saturday");
        assertTrue(time.rest(cst("2026-10-02T10:00:00")), "国庆节");
        assertFalse(time.rest(cst("2026-10-10T10:00:00")), "a working Saturday (调休)");
        assertFalse(time.rest(OffsetDateTime.parse("2026-12-01T02:00:00Z")), "10:00 in Shanghai");
        WorkingTime nightsOnly = new WorkingTime(SHANGHAI, java.time.LocalTime.of(22, 0),
                java.time.LocalTime.of(7, 30), null);
        assertFalse(nightsOnly.rest(cst("2026-12-05T10:00:00")), "days off do not count without a calendar");
        assertTrue(nightsOnly.rest(cst("2026-12-05T07:00:00")));
    }

    @Test
    void aCalendarOrQuietHoursThatCannotBeReadSayWhere() {
        IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
                () -> WorkingTime.of(SHANGHAI, "none", List.of("# ok", "2026-13-01 off 元旦"), true));
        assertTrue(line.getMessage().contains("calendar line 2"), line.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> WorkingTime.of(SHANGHAI, "none", List.of("2026-01-01 holiday"), true));
        assertThrows(IllegalArgumentException.class, () -> WorkingTime.of(SHANGHAI, "10pm to 8am", List.of(), true));
    }
}
