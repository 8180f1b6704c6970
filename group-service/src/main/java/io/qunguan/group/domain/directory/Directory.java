package io.qunguan.group.domain.directory;

import io.quarkus.panache.common.Sort;
import io.qunguan.eventing.Outbox;
import io.qunguan.eventing.ProcessedEvents;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.Language;
import io.qunguan.events.PersonnelChanged.Change;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.Platform;
import io.qunguan.events.ProjectChanged;
import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.directory.DirectoryImport.DepartmentRow;
import io.qunguan.group.domain.directory.DirectoryImport.EmployeeRow;
import io.qunguan.group.domain.directory.DirectoryImport.ProjectRow;
import io.qunguan.group.domain.directory.ImportReport.Counts;
import io.qunguan.group.domain.directory.ImportReport.RejectedRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The company directory: bulk imports validated row by row, the HR feed, and the lookups names and memberships
 * are checked against. Every change is published on {@code directory.events} through the outbox, and fired as
 * a CDI event in the same transaction, so group rules for personnel changes (MB-5) take effect atomically.
 */
@ApplicationScoped
public class Directory {

    static final String SOURCE = "/group-service/directory";
    /** The ids of the platforms whose user ids a person may have: every platform of the contract. */
    public static final Set<String> PLATFORMS = Arrays.stream(Platform.values()).map(Platform::id)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern RANK = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int NAME_LIMIT = 64;
    private static final String DEFAULT_RANK = "staff";

    static final String FEED_CONSUMER = "group-service:hr-employees";

    private final Outbox outbox;
    private final ProcessedEvents processed;
    private final Event<EmployeeChanged> employeeChanges;

    public Directory(Outbox outbox, ProcessedEvents processed, Event<EmployeeChanged> employeeChanges) {
        this.outbox = outbox;
        this.processed = processed;
        this.employeeChanges = employeeChanges;
    }

    /**
     * Gives a person a platform account (a work account allocated, AC-1) or takes theirs on a platform back
     * ({@code platformUserId} null, AC-3), and publishes their record.
     *
     * @throws Refusal CONFLICT when the platform user id is another person's
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EmployeeChanged assignAccount(String employeeId, String platform, String platformUserId) {
        Employee employee = Employee.findById(employeeId);
        if (employee == null) {
            throw Refusal.invalid("employee " + employeeId + " is not in the directory");
        }
        if (platformUserId != null) {
            EmployeeAccount.employeeOf(platform, platformUserId).filter(holder -> !holder.equals(employeeId))
                    .ifPresent(holder -> {
                        throw Refusal.conflict(platform + " user " + platformUserId + " is another person's account");
                    });
        }
        // entity removal (not a bulk delete) keeps the persistence context true when the same id is written again
        EmployeeAccount.<EmployeeAccount>list("employeeId = ?1 and key.platform = ?2", employeeId, platform)
                .forEach(EmployeeAccount::delete);
        EmployeeAccount.getEntityManager().flush();
        if (platformUserId != null) {
            EmployeeAccount account = new EmployeeAccount();
            account.key = new EmployeeAccount.Key(platform, platformUserId);
            account.employeeId = employeeId;
            account.persist();
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        employee.updatedAt = at;
        Map<String, String> accounts = new LinkedHashMap<>(EmployeeAccount.of(employeeId));
        if (platformUserId == null) {
            accounts.remove(platform);
        } else {
            accounts.put(platform, platformUserId);
        }
        EmployeeChanged event = changed(employee, Change.UPDATED, null, accounts, at);
        outbox.add(EventEnvelope.fresh(SOURCE, event));
        employeeChanges.fire(event);
        return event;
    }

    /** Applies a change from the HR feed once, however often it is delivered. */
    @Transactional
    public Optional<EmployeeChanged> applyFromFeed(EventEnvelope<PersonnelChanged> event) {
        if (!processed.firstTime(FEED_CONSUMER, event.id())) {
            return Optional.empty();
        }
        Optional<EmployeeChanged> change = apply(event.data());
        change.ifPresent(applied -> AuditEntry.record(Actor.SYSTEM, "employee." + applied.change().name().toLowerCase(
                Locale.ROOT), "employee", applied.employeeId(), "hr.employees " + event.id(), null));
        return change;
    }

    /**
     * Applies every valid row and reports the others; re-importing the same rows changes nothing and publishes
     * nothing. Departments go first, then people, then projects, so one import can carry a new department and its
     * staff.
     */
    @Transactional
    public ImportReport importRows(DirectoryImport rows, Actor actor) {
        List<RejectedRow> rejected = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Counts departments = importDepartments(rows.departments(), rejected, now);
        Counts employees = importEmployees(rows.employees(), rejected, now);
        Counts projects = importProjects(rows.projects(), rejected, now);
        ImportReport report = new ImportReport(departments, employees, projects, List.copyOf(rejected));
        AuditEntry.record(actor, "directory.import", "directory", "import", null, summary(report));
        return report;
    }

    /**
     * Applies one personnel change from the HR system; fields it leaves null keep their value.
     *
     * @throws RejectedChangeException when the change cannot be applied (unknown person, unknown department…)
     */
    private Optional<EmployeeChanged> apply(PersonnelChanged change) {
        Employee existing = Employee.findById(change.employeeId());
        if (existing == null && change.change() != Change.HIRED) {
            throw new RejectedChangeException(change.change() + " of " + change.employeeId()
                    + ", who is not in the directory");
        }
        Map<String, String> accounts = change.platformAccounts().isEmpty() && existing != null
                ? EmployeeAccount.of(existing.id) : change.platformAccounts();
        EmployeeRow row = new EmployeeRow(change.employeeId(),
                pick(change.realName(), existing == null ? null : existing.realName),
                pick(change.departmentId(), existing == null ? null : existing.departmentId),
                pick(change.title(), existing == null ? null : existing.title),
                pick(change.rank(), existing == null ? null : existing.rank),
                pick(change.managerId(), existing == null ? null : existing.managerId),
                change.external() != null ? change.external() : existing != null && existing.external,
                change.change() != Change.LEFT, accounts,
                pick(change.email(), existing == null ? null : existing.email),
                pick(change.language(), existing == null ? null : existing.language));
        List<String> reasons = employeeReasons(row, Set.of(), Set.of(), Map.of());
        if (!reasons.isEmpty()) {
            throw new RejectedChangeException(String.join("; ", reasons));
        }
        OffsetDateTime at = change.effectiveAt() != null ? change.effectiveAt() : OffsetDateTime.now(ZoneOffset.UTC);
        return upsertEmployee(row, at);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Person> person(String id) {
        return Employee.<Employee>findByIdOptional(id).map(Person::of);
    }

    /** The people of a department, active ones only unless {@code includeLeavers}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Person> people(String departmentId, boolean includeLeavers) {
        List<Employee> employees = includeLeavers ? Employee.list("departmentId = ?1 order by id", departmentId)
                : Employee.activeIn(departmentId);
        Map<String, Map<String, String>> accounts = EmployeeAccount.ofAll(employees.stream().map(e -> e.id).toList());
        return employees.stream().map(e -> Person.of(e, accounts.getOrDefault(e.id, Map.of()))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DepartmentRow> departments() {
        return Department.<Department>listAll(Sort.by("id")).stream()
                .map(department -> new DepartmentRow(department.id, department.name, department.parentId,
                        department.headId, department.active)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DepartmentRow> department(String id) {
        return Department.<Department>findByIdOptional(id).map(department -> new DepartmentRow(department.id,
                department.name, department.parentId, department.headId, department.active));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectRow> projects() {
        return Project.<Project>listAll(Sort.by("id")).stream()
                .map(project -> new ProjectRow(project.id, project.name, project.departmentId, project.leadId,
                        project.startsOn, project.endsOn)).toList();
    }

    private Counts importDepartments(List<DepartmentRow> rows, List<RejectedRow> rejected, OffsetDateTime now) {
        Map<String, DepartmentRow> accepted = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        Set<String> batchIds = new HashSet<>();
        rows.stream().filter(row -> row != null && row.id() != null).forEach(row -> batchIds.add(row.id()));
        Tally tally = new Tally();
        for (int i = 0; i < rows.size(); i++) {
            DepartmentRow row = rows.get(i);
            List<String> reasons = new ArrayList<>();
            if (row == null) {
                reasons.add("empty row");
            } else {
                checkId(row.id(), "id", reasons);
                checkName(row.name(), reasons);
                if (row.id() != null && positions.containsKey(row.id())) {
                    reasons.add("id " + row.id() + " appears twice in this import");
                }
                if (row.parentId() != null) {
                    if (row.parentId().equals(row.id())) {
                        reasons.add("parentId is the department itself");
                    } else if (!batchIds.contains(row.parentId()) && Department.findById(row.parentId()) == null) {
                        reasons.add("parentId " + row.parentId() + " is not in the directory");
                    }
                }
            }
            if (reasons.isEmpty()) {
                accepted.put(row.id(), row);
                positions.put(row.id(), i + 1);
            } else {
                if (row != null && row.id() != null) {
                    positions.putIfAbsent(row.id(), i + 1);
                }
                rejected.add(new RejectedRow("departments", i + 1, row == null ? null : row.id(), reasons));
                tally.rejected++;
            }
        }
        Set<String> releasesFirst = releasesWrittenFirst(accepted);
        claimNames(accepted, releasesFirst).forEach((id, reason) -> {
            accepted.remove(id);
            rejected.add(new RejectedRow("departments", positions.get(id), id, List.of(reason)));
            tally.rejected++;
        });
        // parents are written before their children; a row whose ancestry loops back to it is refused
        Map<String, Integer> depths = new HashMap<>();
        for (DepartmentRow row : List.copyOf(accepted.values())) {
            Integer depth = depth(row.id(), accepted);
            if (depth == null) {
                accepted.remove(row.id());
                rejected.add(new RejectedRow("departments", positions.get(row.id()), row.id(),
                        List.of("parentId makes a cycle: the department would be its own ancestor")));
                tally.rejected++;
            } else if (row.parentId() != null && !accepted.containsKey(row.parentId())
                    && Department.findById(row.parentId()) == null) {
                accepted.remove(row.id());
                rejected.add(new RejectedRow("departments", positions.get(row.id()), row.id(),
                        List.of("parentId " + row.parentId() + " was rejected in this import")));
                tally.rejected++;
            } else {
                depths.put(row.id(), releasesFirst.contains(row.id()) ? 0 : depth);
            }
        }
        List<DepartmentRow> ordered = accepted.values().stream().filter(row -> depths.containsKey(row.id()))
                .sorted(Comparator.comparingInt(row -> depths.get(row.id()))).toList();
        for (DepartmentRow row : ordered) {
            Department department = Department.findById(row.id());
            boolean active = !Boolean.FALSE.equals(row.active());
            if (department != null && department.name.equals(row.name().strip())
                    && Objects.equals(department.parentId, row.parentId())
                    && Objects.equals(department.headId, row.headId()) && department.active == active) {
                tally.unchanged++;
                continue;
            }
            if (department == null) {
                department = new Department();
                department.id = row.id();
                tally.created++;
            } else {
                tally.updated++;
            }
            department.name = row.name().strip();
            department.parentId = row.parentId();
            department.headId = row.headId();
            department.active = active;
            department.updatedAt = now;
            department.persist();
            // the unique active name is checked at once, in row order, not at commit
            Department.flush();
            outbox.add(EventEnvelope.fresh(SOURCE, new DepartmentChanged(department.id, department.name,
                    department.parentId, department.headId, department.active, now)));
        }
        return tally.counts();
    }

    /**
     * Settles who gets each active name, as the unique index demands: the department that holds it and keeps it;
     * else, when its holder gives it up in this import (written first), or nobody holds it, the first row to ask.
     * Returns the losing rows with their reason.
     */
    private static Map<String, String> claimNames(Map<String, DepartmentRow> accepted, Set<String> releasesFirst) {
        Map<String, List<String>> claimants = new LinkedHashMap<>();
        accepted.values().stream().filter(row -> !Boolean.FALSE.equals(row.active()))
                .forEach(row -> claimants.computeIfAbsent(row.name().strip(), name -> new ArrayList<>()).add(row.id()));
        Map<String, String> losers = new LinkedHashMap<>();
        claimants.forEach((name, ids) -> {
            Optional<Department> holder = Department.activeNamed(name);
            String keeper;
            String reason;
            if (holder.isPresent() && (ids.contains(holder.get().id) || !releasesFirst.contains(holder.get().id))) {
                keeper = ids.contains(holder.get().id) ? holder.get().id : null;
                reason = "name " + name + " belongs to department " + holder.get().id
                        + "; rename or close it in this import, or first";
            } else {
                keeper = ids.get(0);
                reason = "name " + name + " is also given to " + keeper + " in this import";
            }
            ids.stream().filter(id -> !id.equals(keeper)).forEach(id -> losers.put(id, reason));
        });
        return losers;
    }

    /**
     * The accepted rows that give up an active department's name (rename it or close it) and can be written before
     * every other row, because their parent already exists.
     */
    private static Set<String> releasesWrittenFirst(Map<String, DepartmentRow> accepted) {
        Set<String> releases = new HashSet<>();
        for (DepartmentRow row : accepted.values()) {
            Department current = Department.findById(row.id());
            boolean givesUpName = current != null && current.active
                    && (Boolean.FALSE.equals(row.active()) || !current.name.equals(row.name().strip()));
            boolean parentExists = row.parentId() == null || Department.findById(row.parentId()) != null;
            if (givesUpName && parentExists) {
                releases.add(row.id());
            }
        }
        return releases;
    }

    /** How many ancestors a department has once the import is applied; null when its ancestry loops. */
    private static Integer depth(String id, Map<String, DepartmentRow> batch) {
        Set<String> seen = new HashSet<>();
        String current = id;
        int depth = 0;
        while (current != null) {
            if (!seen.add(current)) {
                return null;
            }
            DepartmentRow row = batch.get(current);
            if (row != null) {
                current = row.parentId();
            } else {
                Department department = Department.findById(current);
                current = department == null ? null : department.parentId;
            }
            depth++;
        }
        return depth;
    }

    private Counts importEmployees(List<EmployeeRow> rows, List<RejectedRow> rejected, OffsetDateTime now) {
        Set<String> batchIds = new HashSet<>();
        rows.stream().filter(row -> row != null && row.id() != null).forEach(row -> batchIds.add(row.id()));
        Set<String> seen = new HashSet<>();
        Map<String, String> claimedAccounts = new HashMap<>();
        Tally tally = new Tally();
        for (int i = 0; i < rows.size(); i++) {
            EmployeeRow row = rows.get(i);
            List<String> reasons = row == null ? List.of("empty row")
                    : employeeReasons(row, batchIds, seen, claimedAccounts);
            if (!reasons.isEmpty()) {
                rejected.add(new RejectedRow("employees", i + 1, row == null ? null : row.id(), reasons));
                tally.rejected++;
                continue;
            }
            seen.add(row.id());
            normalisedAccounts(row)
                    .forEach((platform, user) -> claimedAccounts.put(platform + "\u0000" + user, row.id()));
            boolean existed = Employee.findById(row.id()) != null;
            Optional<EmployeeChanged> change = upsertEmployee(row, now);
            if (change.isEmpty()) {
                tally.unchanged++;
            } else if (existed) {
                tally.updated++;
            } else {
                tally.created++;
            }
        }
        return tally.counts();
    }

    private static List<String> employeeReasons(EmployeeRow row, Set<String> batchIds, Set<String> seen,
            Map<String, String> claimedAccounts) {
        List<String> reasons = new ArrayList<>();
        checkId(row.id(), "id", reasons);
        if (row.id() != null && seen.contains(row.id())) {
            reasons.add("id " + row.id() + " appears twice in this import");
        }
        if (row.realName() == null || row.realName().isBlank()) {
            reasons.add("realName is required");
        } else if (row.realName().strip().length() > NAME_LIMIT) {
            reasons.add("realName is longer than " + NAME_LIMIT + " characters");
        }
        if (row.departmentId() == null || row.departmentId().isBlank()) {
            reasons.add("departmentId is required");
        } else {
            Department department = Department.findById(row.departmentId());
            if (department == null) {
                reasons.add("departmentId " + row.departmentId() + " is not in the directory");
            } else if (!department.active && !Boolean.FALSE.equals(row.active())) {
                reasons.add("departmentId " + row.departmentId() + " is closed");
            }
        }
        if (row.rank() != null && !RANK.matcher(row.rank()).matches()) {
            reasons.add("rank must be a lower-case word such as staff, manager, director or executive");
        }
        if (row.managerId() != null) {
            if (row.managerId().equals(row.id())) {
                reasons.add("managerId is the person themself");
            } else if (!batchIds.contains(row.managerId()) && Employee.findById(row.managerId()) == null) {
                reasons.add("managerId " + row.managerId() + " is not in the directory");
            }
        }
        if (row.email() != null && !row.email().isBlank() && !EMAIL.matcher(row.email().strip()).matches()) {
            reasons.add("email " + row.email() + " is not an e-mail address");
        }
        if (row.language() != null && !row.language().isBlank() && Language.find(row.language()).isEmpty()) {
            reasons.add("language must be one of zh-CN, zh-TW, en");
        }
        normalisedAccounts(row).forEach((platform, user) -> {
            if (!PLATFORMS.contains(platform)) {
                reasons.add("platformAccounts: unknown platform " + platform + " (known: " + PLATFORMS + ")");
            } else if (user.isBlank() || user.length() > 128) {
                reasons.add("platformAccounts." + platform + " must be 1 to 128 characters");
            } else {
                String batchOwner = claimedAccounts.get(platform + "\u0000" + user);
                String owner = batchOwner != null ? batchOwner
                        : EmployeeAccount.employeeOf(platform, user).orElse(null);
                if (owner != null && !owner.equals(row.id())) {
                    reasons.add("platformAccounts." + platform + " " + user + " belongs to " + owner);
                }
            }
        });
        return reasons;
    }

    private static Map<String, String> normalisedAccounts(EmployeeRow row) {
        Map<String, String> accounts = new LinkedHashMap<>();
        if (row.platformAccounts() != null) {
            row.platformAccounts().forEach((platform, user) -> {
                if (platform != null && user != null && !user.isBlank()) {
                    accounts.put(platform.strip(), user.strip());
                }
            });
        }
        return accounts;
    }

    /** Writes a validated person; empty when the directory already says exactly this. */
    private Optional<EmployeeChanged> upsertEmployee(EmployeeRow row, OffsetDateTime at) {
        Employee employee = Employee.findById(row.id());
        boolean active = !Boolean.FALSE.equals(row.active());
        boolean external = Boolean.TRUE.equals(row.external());
        String rank = row.rank() == null ? DEFAULT_RANK : row.rank();
        String realName = row.realName().strip();
        Map<String, String> accounts = normalisedAccounts(row);
        String email = row.email() == null || row.email().isBlank() ? null : row.email().strip();
        String language = Language.find(row.language()).map(Language::tag).orElse(null);
        Map<String, String> previousAccounts = employee == null ? Map.of() : EmployeeAccount.of(employee.id);
        if (employee != null && employee.realName.equals(realName)
                && employee.departmentId.equals(row.departmentId()) && Objects.equals(employee.title, row.title())
                && employee.rank.equals(rank) && Objects.equals(employee.managerId, row.managerId())
                && employee.external == external && employee.active == active && previousAccounts.equals(accounts)
                && Objects.equals(employee.email, email) && Objects.equals(employee.language, language)) {
            return Optional.empty();
        }
        Change change;
        String previousDepartment = null;
        if (employee == null || (!employee.active && active)) {
            change = active ? Change.HIRED : Change.LEFT;
        } else if (employee.active && !active) {
            change = Change.LEFT;
        } else if (!employee.departmentId.equals(row.departmentId())) {
            change = Change.TRANSFERRED;
            previousDepartment = employee.departmentId;
        } else {
            change = Change.UPDATED;
        }
        if (employee == null) {
            employee = new Employee();
            employee.id = row.id();
        }
        employee.realName = realName;
        employee.departmentId = row.departmentId();
        employee.title = row.title();
        employee.rank = rank;
        employee.managerId = row.managerId();
        employee.external = external;
        employee.active = active;
        employee.email = email;
        employee.language = language;
        employee.updatedAt = at;
        employee.persist();
        if (!previousAccounts.equals(accounts)) {
            // a bulk delete runs at once, so a user id moved between platforms' rows never meets itself
            EmployeeAccount.delete("employeeId", employee.id);
            String owner = employee.id;
            accounts.forEach((platform, user) -> {
                EmployeeAccount account = new EmployeeAccount();
                account.key = new EmployeeAccount.Key(platform, user);
                account.employeeId = owner;
                account.persist();
            });
        }
        EmployeeChanged event = changed(employee, change, previousDepartment, accounts, at);
        outbox.add(EventEnvelope.fresh(SOURCE, event));
        employeeChanges.fire(event);
        return Optional.of(event);
    }

    private static EmployeeChanged changed(Employee employee, Change change, String previousDepartment,
            Map<String, String> accounts, OffsetDateTime at) {
        return new EmployeeChanged(employee.id, change, employee.realName, employee.departmentId, previousDepartment,
                employee.title, employee.rank, employee.managerId, employee.external, employee.active, accounts,
                employee.email, Language.find(employee.language).orElse(null), at);
    }

    private Counts importProjects(List<ProjectRow> rows, List<RejectedRow> rejected, OffsetDateTime now) {
        Set<String> seen = new HashSet<>();
        Tally tally = new Tally();
        for (int i = 0; i < rows.size(); i++) {
            ProjectRow row = rows.get(i);
            List<String> reasons = new ArrayList<>();
            if (row == null) {
                reasons.add("empty row");
            } else {
                checkId(row.id(), "id", reasons);
                checkName(row.name(), reasons);
                if (row.id() != null && seen.contains(row.id())) {
                    reasons.add("id " + row.id() + " appears twice in this import");
                }
                if (row.departmentId() != null && Department.findById(row.departmentId()) == null) {
                    reasons.add("departmentId " + row.departmentId() + " is not in the directory");
                }
                if (row.startsOn() != null && row.endsOn() != null && row.endsOn().isBefore(row.startsOn())) {
                    reasons.add("endsOn is before startsOn");
                }
            }
            if (!reasons.isEmpty()) {
                rejected.add(new RejectedRow("projects", i + 1, row == null ? null : row.id(), reasons));
                tally.rejected++;
                continue;
            }
            seen.add(row.id());
            Project project = Project.findById(row.id());
            if (project != null && project.name.equals(row.name().strip())
                    && Objects.equals(project.departmentId, row.departmentId())
                    && Objects.equals(project.leadId, row.leadId()) && Objects.equals(project.startsOn, row.startsOn())
                    && Objects.equals(project.endsOn, row.endsOn())) {
                tally.unchanged++;
                continue;
            }
            if (project == null) {
                project = new Project();
                project.id = row.id();
                tally.created++;
            } else {
                tally.updated++;
            }
            project.name = row.name().strip();
            project.departmentId = row.departmentId();
            project.leadId = row.leadId();
            project.startsOn = row.startsOn();
            project.endsOn = row.endsOn();
            project.updatedAt = now;
            project.persist();
            outbox.add(EventEnvelope.fresh(SOURCE, new ProjectChanged(project.id, project.name, project.departmentId,
                    project.leadId, project.startsOn, project.endsOn, now)));
        }
        return tally.counts();
    }

    private static void checkId(String id, String field, List<String> reasons) {
        if (id == null || id.isBlank()) {
            reasons.add(field + " is required");
        } else if (!ID.matcher(id).matches()) {
            reasons.add(field + " must be 1 to 64 letters, digits or . _ : @ -");
        }
    }

    /** Names prefix group names before a '-' (GL-4), so they cannot hold one themselves. */
    private static void checkName(String name, List<String> reasons) {
        if (name == null || name.isBlank()) {
            reasons.add("name is required");
        } else if (name.strip().length() > NAME_LIMIT) {
            reasons.add("name is longer than " + NAME_LIMIT + " characters");
        } else if (name.contains("-")) {
            reasons.add("name must not contain '-', which separates a group name's prefix from its purpose");
        }
    }

    private static String pick(String given, String current) {
        return given != null ? given : current;
    }

    private static String summary(ImportReport report) {
        return "departments " + report.departments() + ", employees " + report.employees() + ", projects "
                + report.projects();
    }

    /** The rows of one section, counted by outcome as they are processed. */
    private static final class Tally {
        int created;
        int updated;
        int unchanged;
        int rejected;

        Counts counts() {
            return new Counts(created, updated, unchanged, rejected);
        }
    }

    /** A personnel change that cannot be applied as it stands; retrying does not help. */
    public static final class RejectedChangeException extends RuntimeException {
        public RejectedChangeException(String message) {
            super(message);
        }
    }
}
