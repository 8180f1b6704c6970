package io.qunguan.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A project of the directory after a change; a project is active from its start to its end date inclusive. */
public record ProjectChanged(String projectId, String name, String departmentId, String leadId, LocalDate startsOn,
        LocalDate endsOn, OffsetDateTime changedAt) implements EventPayload {

    public static final String TYPE = "qunguan.directory.ProjectChanged";

    public ProjectChanged {
        Objects.requireNonNull(projectId, "projectId");
    }

    @Override
    public String subject() {
        return projectId;
    }
}
