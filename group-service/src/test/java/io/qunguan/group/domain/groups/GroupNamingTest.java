package io.qunguan.group.domain.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.group.domain.catalogue.GroupPolicy.Naming;
import io.qunguan.group.domain.catalogue.GroupPolicy.Prefix;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GL-4: group names are [部门/项目]-[用途], the prefix a real department or an active project. */
class GroupNamingTest {

    private static final GroupNaming.Directory DIRECTORY = new GroupNaming.Directory() {
        private final Map<String, String> departments = Map.of("市场部", "D-MKT", "技术部", "D-TECH");
        private final Map<String, String> projects = Map.of("新品推广", "P-NEW");

        @Override
        public Optional<String> departmentNamed(String name) {
            return Optional.ofNullable(departments.get(name));
        }

        @Override
        public Optional<String> activeProjectNamed(String name) {
            return Optional.ofNullable(projects.get(name));
        }
    };

    private static List<String> check(String name, Prefix prefix, String department, String project) {
        return GroupNaming.problems(name, new Naming(prefix, "全员"), DIRECTORY, department, project);
    }

    @Test
    void gl4DepartmentPrefixedNamesPass() {
        assertEquals(List.of(), check("市场部-新品推广组", Prefix.DEPARTMENT, "D-MKT", null));
        assertEquals(List.of(), check("技术部-XX系统开发群", Prefix.DEPARTMENT, null, null));
        assertEquals(List.of(), check("新品推广-物料协调", Prefix.DEPARTMENT_OR_PROJECT, null, null));
        assertEquals(List.of(), check("全员-通知群", Prefix.COMPANY, null, null));
    }

    @Test
    void gl4ANameWithoutPrefixFailsSayingWhy() {
        List<String> problems = check("新品群", Prefix.DEPARTMENT, "D-MKT", null);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("must be [department]-[purpose], e.g. 市场部-新品推广组"), problems.get(0));
        assertTrue(problems.get(0).contains("no '-'"), problems.get(0));
    }

    @Test
    void gl4UnknownPrefixesAnotherDepartmentAndAMissingPurposeFail() {
        assertTrue(check("销售部-周报", Prefix.DEPARTMENT, null, null).get(0)
                .contains("prefix 销售部 is not a department of the directory"));
        assertTrue(check("技术部-周报", Prefix.DEPARTMENT, "D-MKT", null).get(0)
                .contains("another department than the one the group is for"));
        assertTrue(check("市场部-", Prefix.DEPARTMENT, null, null).get(0).contains("the purpose is missing"));
        assertTrue(check("旧项目-复盘", Prefix.PROJECT, null, null).get(0).contains("is not an active project"));
        assertTrue(check("市场部-复盘", Prefix.PROJECT, null, null).get(0).contains("is not an active project"));
        assertTrue(check("兴趣-羽毛球", Prefix.COMPANY, null, null).get(0).contains("must begin with 全员-"));
        assertTrue(check("某某-协调", Prefix.DEPARTMENT_OR_PROJECT, null, null).get(0)
                .contains("neither a department of the directory nor an active project"));
    }
}
