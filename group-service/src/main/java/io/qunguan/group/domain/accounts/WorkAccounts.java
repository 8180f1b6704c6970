package io.qunguan.group.domain.accounts;

import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.RequiredText;
import io.qunguan.group.domain.accounts.WorkAccount.Status;
import io.qunguan.group.domain.directory.Department;
import io.qunguan.group.domain.directory.Directory;
import io.qunguan.group.domain.directory.Employee;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Work IM accounts (AC-1..5). An employee applies with a reason and period and acknowledges that the account is for
 * work only and not to be lent (AC-2); the head of their department reviews, a company leader (rank
 * {@value #LEADER_RANK} in the directory) approves, HR allocates the platform user id, which becomes the person's
 * account in the directory (official accounts are what membership checks know, AC-5). A lost or stolen account is
 * reported and the admins of its groups are told (AC-4); an account is reclaimed when its holder leaves (AC-3).
 */
@ApplicationScoped
public class WorkAccounts {

    static final String LEADER_RANK = "executive";
    static final int TEXT_LIMIT = 500;
    private static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");

    /** An application: platform, reason, period, and the two acknowledgements AC-2 asks for. */
    public record Application(String platform, String reason, LocalDate from, LocalDate to, Boolean workOnly,
            Boolean noLending) {
    }

    /** Fired in the transaction that records a loss, so the admins of the account's groups are told (AC-4). */
    public record ReportedLost(String employeeId, String platform, String platformUserId, String detail) {
    }

    /** An account as the API shows it. */
    public record View(String id, String employeeId, String platform, String reason, LocalDate from, LocalDate to,
            Status status, String platformUserId, String reviewedBy, String reviewReason, String approvedBy,
            String approvalReason, String allocatedBy, OffsetDateTime allocatedAt, OffsetDateTime lostAt,
            String lossDetail, OffsetDateTime reclaimedAt, String reclaimReason, OffsetDateTime acknowledgedAt,
            OffsetDateTime requestedAt) {

        static View of(WorkAccount a) {
            return new View(a.id, a.employeeId, a.platform, a.reason, a.periodFrom, a.periodTo, a.status,
                    a.platformUserId, a.reviewedBy, a.reviewReason, a.approvedBy, a.approvalReason, a.allocatedBy,
                    a.allocatedAt, a.lostAt, a.lossDetail, a.reclaimedAt, a.reclaimReason, a.acknowledgedAt,
                    a.requestedAt);
        }
    }

    private final Directory directory;
    private final Event<ReportedLost> losses;

    public WorkAccounts(Directory directory, Event<ReportedLost> losses) {
        this.directory = directory;
        this.losses = losses;
    }

    /** AC-1, AC-2: an active employee applies for themself. */
    @Transactional
    public View apply(Application application, Actor actor) {
        List<String> problems = new ArrayList<>();
        Employee employee = Employee.findById(actor.id());
        if (employee == null || !employee.active || employee.external) {
            throw Refusal.forbidden("only an active employee of the directory applies for a work account");
        }
        if (application == null) {
            throw Refusal.invalid("an application {platform, reason, from, to, workOnly, noLending} is required");
        }
        if (application.platform() == null || !Directory.PLATFORMS.contains(application.platform())) {
            problems.add("platform must be one of " + Directory.PLATFORMS);
        }
        String reason = RequiredText.of(application.reason(), "reason", TEXT_LIMIT, problems);
        LocalDate today = LocalDate.now(COMPANY_ZONE);
        LocalDate from = application.from() == null ? today : application.from();
        if (application.to() != null && application.to().isBefore(from)) {
            problems.add("to " + application.to() + " is before from " + from);
        }
        if (!Boolean.TRUE.equals(application.workOnly()) || !Boolean.TRUE.equals(application.noLending())) {
            problems.add("workOnly and noLending must be acknowledged (AC-2): the account is for work only and is "
                    + "never lent to anyone");
        }
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        if (WorkAccount.count("employeeId = ?1 and platform = ?2 and status in ?3", employee.id,
                application.platform(), List.of(Status.REQUESTED, Status.REVIEWED, Status.APPROVED, Status.ALLOCATED,
                        Status.LOST)) > 0) {
            throw Refusal.conflict("an application or account on " + application.platform() + " is already live");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        WorkAccount account = new WorkAccount();
        account.id = "wa-" + UUID.randomUUID();
        account.employeeId = employee.id;
        account.platform = application.platform();
        account.reason = reason;
        account.periodFrom = from;
        account.periodTo = application.to();
        account.status = Status.REQUESTED;
        account.acknowledgedAt = now;
        account.requestedAt = now;
        account.updatedAt = now;
        account.persist();
        AuditEntry.record(actor, "account.apply", "work-account", account.id, reason, account.platform);
        return View.of(account);
    }

    /** The head of the applicant's department reviews (AC-1). */
    @Transactional
    public Optional<View> review(String id, boolean approve, String reason, Actor actor) {
        return decide(id, approve, reason, actor, Status.REQUESTED, Status.REVIEWED, "review", account -> {
            if (!headsHolderDepartment(account, actor)) {
                throw Refusal.forbidden("the head of the applicant's department reviews the application");
            }
        });
    }

    /** A company leader approves (AC-1). */
    @Transactional
    public Optional<View> approve(String id, boolean approve, String reason, Actor actor) {
        return decide(id, approve, reason, actor, Status.REVIEWED, Status.APPROVED, "approval", account -> {
            if (!isLeader(actor)) {
                throw Refusal.forbidden("a company leader (rank " + LEADER_RANK + ") approves the application");
            }
        });
    }

    /** HR allocates the platform account; it becomes the person's account in the directory (AC-1, AC-5). */
    @Transactional
    public Optional<View> allocate(String id, String platformUserId, Actor actor) {
        WorkAccount account = visibleLocked(id, actor);
        if (account == null) {
            return Optional.empty();
        }
        if (!actor.isHr()) {
            throw Refusal.forbidden("HR allocates work accounts");
        }
        if (account.status != Status.APPROVED && account.status != Status.LOST) {
            throw Refusal.conflict("account " + id + " is " + account.status
                    + "; an approved application or a recovered lost account is allocated");
        }
        List<String> problems = new ArrayList<>();
        String user = RequiredText.of(platformUserId, "platformUserId", TEXT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        directory.assignAccount(account.employeeId, account.platform, user);
        boolean recovered = account.status == Status.LOST;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        account.platformUserId = user;
        account.status = Status.ALLOCATED;
        account.allocatedBy = actor.id();
        account.allocatedAt = now;
        account.updatedAt = now;
        AuditEntry.record(actor, recovered ? "account.recover" : "account.allocate", "work-account", account.id,
                null, account.platform + ":" + user);
        return Optional.of(View.of(account));
    }

    /** The holder or HR reports the account lost or stolen; its groups' admins are told (AC-4). */
    @Transactional
    public Optional<View> reportLost(String id, String detail, Actor actor) {
        WorkAccount account = visibleLocked(id, actor);
        if (account == null) {
            return Optional.empty();
        }
        if (!actor.isHr() && !actor.id().equals(account.employeeId)) {
            throw Refusal.forbidden("the holder or HR reports an account lost");
        }
        List<String> problems = new ArrayList<>();
        String what = RequiredText.of(detail, "detail", TEXT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        if (account.status != Status.ALLOCATED) {
            throw Refusal.conflict("account " + id + " is " + account.status + "; only an allocated account is lost");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        account.status = Status.LOST;
        account.lostAt = now;
        account.lossDetail = what;
        account.updatedAt = now;
        AuditEntry.record(actor, "account.lost", "work-account", account.id, what,
                account.platform + ":" + account.platformUserId);
        losses.fire(new ReportedLost(account.employeeId, account.platform, account.platformUserId, what));
        return Optional.of(View.of(account));
    }

    /** AC-3: the accounts of someone who leaves are reclaimed, in the transaction that records the leaving. */
    @Transactional(Transactional.TxType.MANDATORY)
    void holderChanged(@Observes EmployeeChanged change) {
        if (change.change() != Change.LEFT) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        WorkAccount.<WorkAccount>list("employeeId = ?1 and status in ?2", change.employeeId(),
                List.of(Status.REQUESTED, Status.REVIEWED, Status.APPROVED, Status.ALLOCATED, Status.LOST))
                .forEach(account -> {
                    account.status = account.platformUserId == null ? Status.REJECTED : Status.RECLAIMED;
                    account.reclaimedAt = now;
                    account.reclaimReason = "the holder left the company; their groups are handed over";
                    account.updatedAt = now;
                    AuditEntry.record(Actor.SYSTEM, "account.reclaim", "work-account", account.id,
                            account.reclaimReason, account.platform + ":" + account.platformUserId);
                });
    }

    /** HR and auditors see every account, a department head their department's, anyone their own. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<View> list(Actor actor) {
        List<WorkAccount> accounts;
        if (actor.overseesAll()) {
            accounts = WorkAccount.list("order by requestedAt desc");
        } else if (Actor.DEPT_HEAD.equals(actor.role()) && actor.departmentId() != null) {
            accounts = WorkAccount.list("employeeId in (select e.id from Employee e where e.departmentId = ?1) "
                    + "or employeeId = ?2 order by requestedAt desc", actor.departmentId(), actor.id());
        } else {
            accounts = WorkAccount.list("employeeId = ?1 order by requestedAt desc", actor.id());
        }
        return accounts.stream().map(View::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<View> find(String id, Actor actor) {
        return WorkAccount.<WorkAccount>findByIdOptional(id).filter(account -> visible(account, actor))
                .map(View::of);
    }

    private Optional<View> decide(String id, boolean approve, String reason, Actor actor, Status expected,
            Status next, String step, Consumer<WorkAccount> mayDecide) {
        WorkAccount account = visibleLocked(id, actor);
        if (account == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        String why = RequiredText.of(reason, "reason", TEXT_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        if (account.status != expected) {
            throw Refusal.conflict("account " + id + " is " + account.status + "; nothing awaits its " + step);
        }
        if (actor.id().equals(account.employeeId)) {
            throw Refusal.forbidden("an applicant does not decide their own application");
        }
        mayDecide.accept(account);
        account.status = approve ? next : Status.REJECTED;
        if (next == Status.REVIEWED) {
            account.reviewedBy = actor.id();
            account.reviewReason = why;
        } else {
            account.approvedBy = actor.id();
            account.approvalReason = why;
        }
        account.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        AuditEntry.record(actor, "account." + step + (approve ? ".approve" : ".reject"), "work-account", account.id,
                why, null);
        return Optional.of(View.of(account));
    }

    private static WorkAccount visibleLocked(String id, Actor actor) {
        WorkAccount account = WorkAccount.findById(id, LockModeType.PESSIMISTIC_WRITE);
        return account != null && visible(account, actor) ? account : null;
    }

    /**
     * Who sees an account: HR and auditors, its holder, the head of the holder's department, and company leaders
     * (who approve).
     */
    private static boolean visible(WorkAccount account, Actor actor) {
        return actor.overseesAll() || actor.id().equals(account.employeeId) || headsHolderDepartment(account, actor)
                || isLeader(actor);
    }

    private static boolean headsHolderDepartment(WorkAccount account, Actor actor) {
        String department = Employee.<Employee>findByIdOptional(account.employeeId).map(e -> e.departmentId)
                .orElse(null);
        return actor.headsDepartment(department) || Department.headedBy(department, actor.id());
    }

    /** A company leader: an active employee of rank {@value #LEADER_RANK}. */
    private static boolean isLeader(Actor actor) {
        return Employee.<Employee>findByIdOptional(actor.id()).filter(e -> e.active && LEADER_RANK.equals(e.rank))
                .isPresent();
    }
}
