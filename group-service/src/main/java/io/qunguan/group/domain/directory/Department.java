package io.qunguan.group.domain.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A department of the company; group names are prefixed with an active department's name (GL-4). */
@Entity
public class Department extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "parent_id")
    public String parentId;
    @Column(name = "head_id")
    public String headId;
    public boolean active;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Optional<Department> activeNamed(String name) {
        return find("name = ?1 and active = true", name).firstResultOptional();
    }

    /** Whether the directory names this person the department's head. */
    public static boolean headedBy(String departmentId, String personId) {
        return departmentId != null && Department.<Department>findByIdOptional(departmentId)
                .map(department -> personId.equals(department.headId)).orElse(false);
    }
}
