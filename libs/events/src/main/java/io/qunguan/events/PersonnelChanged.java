package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * A personnel change fed by the company's HR system on {@code hr.employees} (MB-5): someone was hired,
 * transferred, changed or left. Fields not concerned by the change may be null; {@code LEFT} needs only the id.
 *
 * @param platformAccounts platform → the person's user id there (e.g. {@code wecom → zhangsan})
 * @param language         the language of the person's notices ({@code zh-CN}, {@code zh-TW}, {@code en}), or null
 */
public record PersonnelChanged(String employeeId, Change change, String realName, String departmentId,
        String title, String rank, String managerId, Boolean external, Map<String, String> platformAccounts,
        String email, String language, OffsetDateTime effectiveAt) implements EventPayload {

    public static final String TYPE = "qunguan.hr.PersonnelChanged";

    /** What happened to the person. */
    public enum Change { HIRED, UPDATED, TRANSFERRED, LEFT }

    public PersonnelChanged {
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(change, "change");
        platformAccounts = platformAccounts == null ? Map.of() : Map.copyOf(platformAccounts);
    }

    @Override
    public String subject() {
        return employeeId;
    }
}
