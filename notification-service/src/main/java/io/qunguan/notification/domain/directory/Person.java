package io.qunguan.notification.domain.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;

/** A person as the directory last described them: where and in which language they are told. */
@Entity
public class Person extends PanacheEntityBase {

    @Id
    @Column(name = "employee_id")
    public String employeeId;
    @Column(name = "real_name")
    public String realName;
    @Column(name = "department_id")
    public String departmentId;
    public String email;
    public String language;
    public boolean active;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
