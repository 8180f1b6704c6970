package io.qunguan.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A work group was requested (GL-1), or requested again after a rejection ({@code round} > 1).
 *
 * @param duplicates active or pending groups this one largely repeats (GL-3), each with why
 */
public record GroupRequested(String groupId, String typeId, String name, String departmentId, String projectId,
        String purpose, String ownerId, String requestedBy, List<String> intendedMembers, LocalDate endsOn,
        List<DuplicateFlag> duplicates, int round, OffsetDateTime requestedAt) implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupRequested";

    /** Another group the request resembles, and why (same department and similar purpose, or member overlap). */
    public record DuplicateFlag(String groupId, String name, String reason) {
    }

    public GroupRequested {
        Objects.requireNonNull(groupId, "groupId");
        intendedMembers = intendedMembers == null ? List.of() : List.copyOf(intendedMembers);
        duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
    }

    @Override
    public String subject() {
        return groupId;
    }
}
