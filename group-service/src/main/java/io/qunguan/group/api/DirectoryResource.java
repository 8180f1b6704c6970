package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.directory.Directory;
import io.qunguan.group.domain.directory.DirectoryImport;
import io.qunguan.group.domain.directory.DirectoryImport.DepartmentRow;
import io.qunguan.group.domain.directory.DirectoryImport.EmployeeRow;
import io.qunguan.group.domain.directory.DirectoryImport.ProjectRow;
import io.qunguan.group.domain.directory.ImportReport;
import io.qunguan.group.domain.directory.Person;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The company directory: bulk import for HR (JSON or CSV), and reads scoped to who asks. */
@Path("/api/directory")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    static final Set<String> DEPARTMENT_COLUMNS = Set.of("id", "name", "parentId", "headId", "active");
    static final Set<String> EMPLOYEE_COLUMNS = Set.of("id", "realName", "departmentId", "title", "rank",
            "managerId", "external", "active", "email", "language");
    static final Set<String> PROJECT_COLUMNS = Set.of("id", "name", "departmentId", "leadId", "startsOn", "endsOn");

    private final Directory directory;
    private final Callers callers;

    public DirectoryResource(Directory directory, Callers callers) {
        this.directory = directory;
        this.callers = callers;
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Actor.HR)
    @Operation(summary = "Import departments, employees and projects; valid rows are applied, the others reported")
    public ImportReport importJson(DirectoryImport rows) {
        if (rows == null) {
            throw new BadRequestException("a body {departments, employees, projects} is required");
        }
        return directory.importRows(rows, callers.current());
    }

    @POST
    @Path("/import/{section}")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Actor.HR)
    @Operation(summary = "Import one section (departments, employees or projects) from CSV with a header row; "
            + "employee columns named after a platform (wecom, dingtalk, feishu, slack, onebot, generic) hold that "
            + "platform's user id")
    public ImportReport importCsv(@PathParam("section") String section, String body) {
        CsvTable table;
        try {
            table = CsvTable.parse(body == null ? "" : body);
        } catch (CsvTable.MalformedCsvException e) {
            throw new BadRequestException(e.getMessage());
        }
        DirectoryImport rows = switch (section) {
            case "departments" -> new DirectoryImport(departments(table), null, null);
            case "employees" -> new DirectoryImport(null, employees(table), null);
            case "projects" -> new DirectoryImport(null, null, projects(table));
            default -> throw new NotFoundException("no section " + section + "; departments, employees or projects");
        };
        return directory.importRows(rows, callers.current());
    }

    @GET
    @Path("/departments")
    @RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "The department tree (flat, with parent ids)")
    public List<DepartmentRow> departments() {
        return directory.departments();
    }

    @GET
    @Path("/projects")
    @RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Projects with their dates")
    public List<ProjectRow> projects() {
        return directory.projects();
    }

    @GET
    @Path("/departments/{id}/employees")
    @RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD})
    @Operation(summary = "A department's people; department heads see their own department only")
    public List<Person> departmentEmployees(@PathParam("id") String id, @QueryParam("includeLeavers") boolean leavers) {
        Actor actor = callers.current();
        if (directory.department(id).isEmpty()
                || (Actor.DEPT_HEAD.equals(actor.role()) && !actor.headsDepartment(id))) {
            throw new NotFoundException();
        }
        return directory.people(id, leavers);
    }

    @GET
    @Path("/employees/{id}")
    @RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "One person; others than HR and auditors see only themselves or, as department head, "
            + "their department's people")
    public Person employee(@PathParam("id") String id) {
        Actor actor = callers.current();
        // a record the caller may not see answers exactly like one that does not exist
        return directory.person(id).filter(person -> person.visibleTo(actor)).orElseThrow(NotFoundException::new);
    }

    private static List<DepartmentRow> departments(CsvTable table) {
        requireColumns(table, DEPARTMENT_COLUMNS, Set.of());
        return table.rows().stream().map(row -> new DepartmentRow(row.get("id"), row.get("name"), row.get("parentId"),
                row.get("headId"), bool(row, "active"))).toList();
    }

    private static List<EmployeeRow> employees(CsvTable table) {
        requireColumns(table, EMPLOYEE_COLUMNS, Directory.PLATFORMS);
        return table.rows().stream().map(row -> {
            Map<String, String> accounts = new LinkedHashMap<>();
            Directory.PLATFORMS.forEach(platform -> {
                if (row.get(platform) != null) {
                    accounts.put(platform, row.get(platform));
                }
            });
            return new EmployeeRow(row.get("id"), row.get("realName"), row.get("departmentId"), row.get("title"),
                    row.get("rank"), row.get("managerId"), bool(row, "external"), bool(row, "active"), accounts,
                    row.get("email"), row.get("language"));
        }).toList();
    }

    private static List<ProjectRow> projects(CsvTable table) {
        requireColumns(table, PROJECT_COLUMNS, Set.of());
        return table.rows().stream().map(row -> new ProjectRow(row.get("id"), row.get("name"), row.get("departmentId"),
                row.get("leadId"), date(row, "startsOn"), date(row, "endsOn"))).toList();
    }

    /** Unknown columns are refused rather than ignored: a misspelt column would silently drop its data. */
    private static void requireColumns(CsvTable table, Set<String> known, Set<String> extra) {
        for (String column : table.header()) {
            if (!known.contains(column) && !extra.contains(column)) {
                throw new BadRequestException("unknown column " + column + "; known: " + known
                        + (extra.isEmpty() ? "" : " and the platforms " + extra));
            }
        }
        if (!table.header().contains("id")) {
            throw new BadRequestException("the header has no id column");
        }
    }

    private static Boolean bool(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "是" -> true;
            case "false", "no", "0", "否" -> false;
            default -> throw new BadRequestException("row " + row.get("id") + ": " + column
                    + " must be true or false, not " + value);
        };
    }

    private static LocalDate date(Map<String, String> row, String column) {
        String value = row.get(column);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("row " + row.get("id") + ": " + column + " must be a date like 2026-11-20, "
                    + "not " + value);
        }
    }
}
