package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.directory.Department;
import io.qunguan.group.domain.directory.Project;
import java.time.LocalDate;
import java.util.Optional;

/** The directory as the naming rule (GL-4) reads it: active departments, and projects active on a day. */
record NamingDirectory(LocalDate today) implements GroupNaming.Directory {

    static NamingDirectory on(LocalDate today) {
        return new NamingDirectory(today);
    }

    @Override
    public Optional<String> departmentNamed(String name) {
        return Department.activeNamed(name).map(department -> department.id);
    }

    @Override
    public Optional<String> activeProjectNamed(String name) {
        return Project.activeNamed(name, today).map(project -> project.id);
    }
}
