package io.qunguan.moderation.config;

import io.qunguan.worktime.WorkCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The company's calendar of working days (BH-2): {@code qunguan.moderation.calendar-file}, else China's official one
 * shipped in libs/work-time. A year the calendar does not list is warned about: weekends alone count then.
 */
@ApplicationScoped
public class Calendars {

    private static final Logger LOG = Logger.getLogger(Calendars.class);

    // a singleton, not application-scoped: the calendar is an immutable value that needs no client proxy
    @Produces
    @Singleton
    WorkCalendar calendar(@ConfigProperty(name = "qunguan.moderation.calendar-file") Optional<Path> file) {
        WorkCalendar calendar = WorkCalendar.fileOrShipped(file);
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        if (!calendar.yearsCovered().contains(year)) {
            LOG.warnf("the holiday calendar has no dates of %d: this year's holidays and adjusted working days are not "
                    + "known, weekends alone count (qunguan.moderation.calendar-file)", year);
        }
        return calendar;
    }
}
