package io.qunguan.group.domain.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A person's user id on one platform: how a membership event's user becomes a person of the directory. */
@Entity
@Table(name = "employee_account")
public class EmployeeAccount extends PanacheEntityBase {

    /** Platform and the user id there. */
    @Embeddable
    public record Key(String platform, @Column(name = "platform_user_id") String platformUserId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "employee_id")
    public String employeeId;

    public static Optional<String> employeeOf(String platform, String platformUserId) {
        return EmployeeAccount.<EmployeeAccount>findByIdOptional(new Key(platform, platformUserId))
                .map(account -> account.employeeId);
    }

    /** platform → user id of one employee. */
    public static Map<String, String> of(String employeeId) {
        return ofAll(List.of(employeeId)).getOrDefault(employeeId, Map.of());
    }

    /** employee → (platform → user id) of many employees, in one query; people without accounts are absent. */
    static Map<String, Map<String, String>> ofAll(Collection<String> employeeIds) {
        Map<String, Map<String, String>> accounts = new HashMap<>();
        if (employeeIds.isEmpty()) {
            return accounts;
        }
        EmployeeAccount.<EmployeeAccount>list("employeeId in ?1 order by key.platform", employeeIds)
                .forEach(account -> accounts.computeIfAbsent(account.employeeId, id -> new LinkedHashMap<>())
                        .put(account.key.platform(), account.key.platformUserId()));
        return accounts;
    }
}
