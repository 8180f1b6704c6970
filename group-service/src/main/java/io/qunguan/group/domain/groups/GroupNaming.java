package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.catalogue.GroupPolicy.Naming;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The naming rule (GL-4): {@code [部门/项目]-[用途]}, e.g. {@code 市场部-新品推广组}. The prefix must be a real
 * department or an active project as the group type demands (or the type's fixed company prefix), and the one the
 * request is for; the purpose must say something.
 */
public final class GroupNaming {

    static final String SEPARATOR = "-";
    static final int MAX_LENGTH = 60;

    /** Finds an active department's id by name, and an active project's id by name. */
    public interface Directory {
        Optional<String> departmentNamed(String name);

        Optional<String> activeProjectNamed(String name);
    }

    private GroupNaming() {
    }

    /** Why {@code name} breaks the rule; empty when it follows it. */
    public static List<String> problems(String name, Naming rule, Directory directory, String departmentId,
            String projectId) {
        List<String> problems = new ArrayList<>();
        String example = "e.g. 市场部-新品推广组";
        if (name == null || name.isBlank()) {
            problems.add("a name is required: [department or project]-[purpose], " + example);
            return problems;
        }
        if (name.length() > MAX_LENGTH) {
            problems.add("name is longer than " + MAX_LENGTH + " characters");
        }
        int separator = name.indexOf(SEPARATOR);
        if (separator < 0) {
            problems.add("name " + name + " must be " + expected(rule) + "-[purpose], " + example
                    + ": it has no '-' after a prefix");
            return problems;
        }
        String prefix = name.substring(0, separator).strip();
        String purpose = name.substring(separator + 1).strip();
        if (purpose.isEmpty()) {
            problems.add("name " + name + " says nothing after '-': the purpose is missing");
        }
        switch (rule.prefix()) {
            case COMPANY -> {
                if (!prefix.equals(rule.companyPrefix())) {
                    problems.add("name " + name + " must begin with " + rule.companyPrefix() + "-");
                }
            }
            case DEPARTMENT -> department(prefix, name, directory, departmentId).ifPresent(problems::add);
            case PROJECT -> project(prefix, name, directory, projectId).ifPresent(problems::add);
            case DEPARTMENT_OR_PROJECT -> {
                if (directory.departmentNamed(prefix).isPresent()) {
                    department(prefix, name, directory, departmentId).ifPresent(problems::add);
                } else if (directory.activeProjectNamed(prefix).isPresent()) {
                    project(prefix, name, directory, projectId).ifPresent(problems::add);
                } else {
                    problems.add("name " + name + ": prefix " + prefix
                            + " is neither a department of the directory nor an active project");
                }
            }
        }
        return problems;
    }

    private static Optional<String> department(String prefix, String name, Directory directory, String departmentId) {
        Optional<String> found = directory.departmentNamed(prefix);
        if (found.isEmpty()) {
            return Optional.of("name " + name + ": prefix " + prefix + " is not a department of the directory");
        }
        if (departmentId != null && !found.get().equals(departmentId)) {
            return Optional.of("name " + name + ": prefix " + prefix + " is another department than the one the "
                    + "group is for");
        }
        return Optional.empty();
    }

    private static Optional<String> project(String prefix, String name, Directory directory, String projectId) {
        Optional<String> found = directory.activeProjectNamed(prefix);
        if (found.isEmpty()) {
            return Optional.of("name " + name + ": prefix " + prefix + " is not an active project");
        }
        if (projectId != null && !found.get().equals(projectId)) {
            return Optional.of("name " + name + ": prefix " + prefix + " is another project than the one the group "
                    + "is for");
        }
        return Optional.empty();
    }

    private static String expected(Naming rule) {
        return switch (rule.prefix()) {
            case COMPANY -> rule.companyPrefix();
            case DEPARTMENT -> "[department]";
            case PROJECT -> "[active project]";
            case DEPARTMENT_OR_PROJECT -> "[department or active project]";
        };
    }
}
