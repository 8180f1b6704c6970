package io.qunguan.group.domain.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A project; while active (start to end date inclusive) its name may prefix a group's name (GL-4). */
@Entity
public class Project extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "department_id")
    public String departmentId;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "starts_on")
    public LocalDate startsOn;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean activeOn(LocalDate day) {
        return (startsOn == null || !day.isBefore(startsOn)) && (endsOn == null || !day.isAfter(endsOn));
    }

    /** A project of that name active on {@code day}, if any. */
    public static Optional<Project> activeNamed(String name, LocalDate day) {
        return Project.<Project>list("name", name).stream().filter(project -> project.activeOn(day)).findFirst();
    }
}
