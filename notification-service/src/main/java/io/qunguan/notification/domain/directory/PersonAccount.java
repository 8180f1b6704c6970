package io.qunguan.notification.domain.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;

/** Whose a platform user id is. */
@Entity
@Table(name = "person_account")
public class PersonAccount extends PanacheEntityBase {

    /** A platform and the user id there. */
    @Embeddable
    public record Key(String platform, @Column(name = "user_id") String userId) {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "employee_id")
    public String employeeId;

    public static Optional<String> employeeOf(String platform, String userId) {
        return PersonAccount.<PersonAccount>findByIdOptional(new Key(platform, userId)).map(account -> account.employeeId);
    }

    /** The employee holding {@code userId} on whichever platform, when exactly one does. */
    public static Optional<String> onlyHolderOf(String userId) {
        List<String> holders = PersonAccount.<PersonAccount>list("key.userId", userId).stream()
                .map(account -> account.employeeId).distinct().toList();
        return holders.size() == 1 ? Optional.of(holders.get(0)) : Optional.empty();
    }

    public static List<PersonAccount> of(String employeeId) {
        return list("employeeId = ?1 order by key.platform", employeeId);
    }
}
