package io.qunguan.notification.domain.directory;

import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * notification-service's copy of the directory, kept from {@code directory.events}: each event carries the whole
 * record, so the latest one wins and an older one arriving late is ignored.
 */
@ApplicationScoped
public class DirectoryReplica {

    static final String CONSUMER = "notification-service:directory";

    private final ProcessedEvents processed;
    private final Event<AccountsLearned> learned;

    public DirectoryReplica(ProcessedEvents processed, Event<AccountsLearned> learned) {
        this.processed = processed;
        this.learned = learned;
    }

    @Transactional
    public void apply(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof EmployeeChanged) && !(event.data() instanceof DepartmentChanged)) {
            return;
        }
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        switch (event.data()) {
            case EmployeeChanged employee -> person(employee);
            case DepartmentChanged department -> department(department);
            default -> {
            }
        }
    }

    private void person(EmployeeChanged change) {
        Person person = Person.findById(change.employeeId());
        if (person != null && change.changedAt() != null && person.changedAt.isAfter(change.changedAt())) {
            return;
        }
        if (person == null) {
            person = new Person();
            person.employeeId = change.employeeId();
        }
        person.realName = change.realName();
        person.departmentId = change.departmentId();
        person.email = change.email();
        person.language = change.language() == null ? null : change.language().tag();
        person.active = change.active();
        person.changedAt = at(change.changedAt());
        person.persist();

        List<String> known = new ArrayList<>(List.of(AccountsLearned.EMPLOYEE + change.employeeId()));
        PersonAccount.delete("employeeId", change.employeeId());
        PersonAccount.getEntityManager().flush();
        change.platformAccounts().forEach((platform, userId) -> {
            // an account the directory moved to this person is no longer the previous holder's
            PersonAccount.deleteById(new PersonAccount.Key(platform, userId));
            PersonAccount account = new PersonAccount();
            account.key = new PersonAccount.Key(platform, userId);
            account.employeeId = change.employeeId();
            account.persist();
            known.add(platform + ":" + userId);
        });
        learned.fire(new AccountsLearned(change.employeeId(), known));
    }

    private static OffsetDateTime at(OffsetDateTime changedAt) {
        return changedAt != null ? changedAt : OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void department(DepartmentChanged change) {
        DepartmentRecord department = DepartmentRecord.findById(change.departmentId());
        if (department != null && change.changedAt() != null && department.changedAt.isAfter(change.changedAt())) {
            return;
        }
        if (department == null) {
            department = new DepartmentRecord();
            department.departmentId = change.departmentId();
        }
        department.name = change.name();
        department.headId = change.headId();
        department.changedAt = at(change.changedAt());
        department.persist();
    }

    /** The employee a platform user id belongs to, if the directory knows it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> employeeOf(String platform, String userId) {
        return PersonAccount.employeeOf(platform, userId);
    }

    /** Whether {@code headId} heads the department {@code employeeId} belongs to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean heads(String headId, String employeeId) {
        Person person = Person.findById(employeeId);
        if (person == null || person.departmentId == null) {
            return false;
        }
        DepartmentRecord department = DepartmentRecord.findById(person.departmentId);
        return department != null && headId.equals(department.headId);
    }
}
