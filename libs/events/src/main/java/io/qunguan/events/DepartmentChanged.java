package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A department of the directory after a change (created, renamed, moved, new head, closed). */
public record DepartmentChanged(String departmentId, String name, String parentId, String headId, boolean active,
        OffsetDateTime changedAt) implements EventPayload {

    public static final String TYPE = "qunguan.directory.DepartmentChanged";

    public DepartmentChanged {
        Objects.requireNonNull(departmentId, "departmentId");
    }

    @Override
    public String subject() {
        return departmentId;
    }
}
