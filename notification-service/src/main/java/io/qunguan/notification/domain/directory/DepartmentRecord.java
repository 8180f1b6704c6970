package io.qunguan.notification.domain.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A department and its head, who reads the notices of its people. */
@Entity
@Table(name = "department")
public class DepartmentRecord extends PanacheEntityBase {

    @Id
    @Column(name = "department_id")
    public String departmentId;
    public String name;
    @Column(name = "head_id")
    public String headId;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
