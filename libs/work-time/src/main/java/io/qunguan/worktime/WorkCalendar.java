package io.qunguan.worktime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which days are working days: Monday to Friday, except the public holidays, plus the adjusted working days (调休)
 * that a calendar lists ({@code <yyyy-MM-dd> off|work [name]} per line). The shipped calendar is China's official
 * arrangement; a company replaces it with its own file.
 */
public final class WorkCalendar {

    /** Dates that differ from the weekday rule: true a working day, false a day off. */
    private final Map<LocalDate, Boolean> exceptions;

    private WorkCalendar(Map<LocalDate, Boolean> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    /**
     * @param lines {@code <yyyy-MM-dd> off|work [name]}; blank lines and {@code #} comments are skipped
     * @throws IllegalArgumentException naming the line that cannot be read
     */
    public static WorkCalendar parse(List<String> lines) {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
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
        return new WorkCalendar(exceptions);
    }

    /** The calendar shipped with Qunguan: China's public holidays and 调休 as announced. */
    public static WorkCalendar shipped() {
        return parse(shippedLines());
    }

    /** The lines of the shipped calendar. */
    public static List<String> shippedLines() {
        try (InputStream in = WorkCalendar.class.getResourceAsStream("cn.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped calendar cannot be read", e);
        }
    }

    /** The company's calendar file when one is named, else the shipped one. */
    public static WorkCalendar fileOrShipped(Optional<Path> file) {
        if (file.isEmpty()) {
            return shipped();
        }
        try {
            return parse(Files.readAllLines(file.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the calendar " + file.get() + " cannot be read", e);
        }
    }

    public boolean workingDay(LocalDate day) {
        Boolean exception = exceptions.get(day);
        if (exception != null) {
            return exception;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The years the calendar lists dates of: a year missing here follows the weekday rule only. */
    public Set<Integer> yearsCovered() {
        Set<Integer> years = new TreeSet<>();
        exceptions.keySet().forEach(date -> years.add(date.getYear()));
        return years;
    }
}
