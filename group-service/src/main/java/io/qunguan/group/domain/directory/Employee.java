package io.qunguan.group.domain.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.List;

/** A person in the directory: an employee, or an external contact (a customer) when {@code external}. */
@Entity
public class Employee extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "real_name")
    public String realName;
    @Column(name = "department_id")
    public String departmentId;
    public String title;
    public String rank;
    @Column(name = "manager_id")
    public String managerId;
    public boolean external;
    public boolean active;
    public String email;
    public String language;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static List<Employee> activeIn(String departmentId) {
        return list("departmentId = ?1 and active = true order by id", departmentId);
    }
}
