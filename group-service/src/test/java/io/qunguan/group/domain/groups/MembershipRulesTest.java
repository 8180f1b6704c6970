package io.qunguan.group.domain.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.group.domain.catalogue.DefaultCatalogue;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.PolicyDocuments;
import io.qunguan.group.domain.groups.MembershipRules.Finding;
import io.qunguan.group.domain.groups.MembershipRules.Group;
import io.qunguan.group.domain.groups.MembershipRules.Person;
import io.qunguan.group.domain.groups.MembershipRules.Remedy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The membership duties against the default catalogue's policies: MB-1, MB-3, MB-4, MB-6, MB-7, MB-8. */
class MembershipRulesTest {

    private static final Person OWNER = new Person("E-OWN", "王经理", "HR", "行政人事部", "manager", false, true);
    private static final Person ZHANG = new Person("E-1", "张三", "HR", "行政人事部", "staff", false, true);
    private static final Person LI = new Person("E-2", "李四", "MKT", "市场部", "staff", false, true);
    private static final Person CEO = new Person("E-0", "赵总", "OFFICE", "总裁办", "executive", false, true);
    private static final Person CUSTOMER = new Person("C-1", "客户甲", "EXT", "外部联系人", "external", true, true);
    private static final Person LEAVER = new Person("E-9", "孙九", "HR", "行政人事部", "staff", false, false);
    private static final Group HR_GROUP = new Group("HR", "E-OWN", List.of());

    static GroupPolicy policy(String typeId) {
        for (JsonNode type : DefaultCatalogue.load().path("types")) {
            if (type.path("id").asText().equals(typeId)) {
                return PolicyDocuments.read(type.path("policy"));
            }
        }
        throw new AssertionError("no type " + typeId);
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Test
    void mb3NicknamesFollowTheConventionAgainstTheDirectory() {
        GroupPolicy.NicknameRule rule = policy("department").nickname();
        assertEquals(Optional.empty(), MembershipRules.nickname(rule, "行政人事部-张三", ZHANG));
        assertEquals(Optional.empty(), MembershipRules.nickname(rule, "行政人事部－张三", ZHANG), "full-width dash");
        assertEquals("nickname 行政人事部-张三 must be 市场部-李四: department 行政人事部 is not the directory's 市场部; "
                + "name 张三 is not the directory's 李四", MembershipRules.nickname(rule, "行政人事部-张三", LI).orElseThrow());
        assertTrue(MembershipRules.nickname(rule, "小张", ZHANG).orElseThrow().contains("must be 行政人事部-张三 (部门-姓名)"));
        assertEquals(Optional.empty(), MembershipRules.nickname(rule, "赵总", CEO), "executives may use their plain name");
        assertTrue(MembershipRules.nickname(rule, "张三", ZHANG).isPresent(), "staff may not");
        assertEquals(Optional.empty(), MembershipRules.nickname(policy("social").nickname(), "🐱", ZHANG));
        assertEquals(Optional.empty(), MembershipRules.nickname(rule, "随便", CUSTOMER), "the convention binds staff");
        assertEquals(Optional.empty(), MembershipRules.nickname(rule, null, ZHANG), "no nickname reported");
        GroupPolicy.NicknameRule nameFirst = new GroupPolicy.NicknameRule(GroupPolicy.NicknameFormat.NAME_DEPARTMENT,
                List.of());
        assertEquals(Optional.empty(), MembershipRules.nickname(nameFirst, "张三-行政人事部", ZHANG));
        assertTrue(MembershipRules.nickname(nameFirst, "行政人事部-张三", ZHANG).isPresent());
    }

    @Test
    void mb4Mb8UnknownPeopleOutsidersAndIneligibleMembersAreFound() {
        GroupPolicy department = policy("department");
        List<Finding> unknown = MembershipRules.onJoin(department, HR_GROUP, "wx-stranger", "路人", null, null, null);
        assertEquals(List.of("MB-4"), rules(unknown));
        assertEquals(Remedy.CHECK, unknown.getFirst().remedy());
        assertEquals(List.of("MB-4"), rules(MembershipRules.onJoin(department, HR_GROUP, "u9", null, LEAVER, null,
                null)));

        List<Finding> customer = MembershipRules.onJoin(department, HR_GROUP, "c1", null, CUSTOMER, null, null);
        assertEquals(List.of("MB-8"), rules(customer));
        assertEquals(Remedy.REMOVE, customer.getFirst().remedy());
        assertEquals(List.of(), MembershipRules.onJoin(policy("customer"), HR_GROUP, "c1", null, CUSTOMER, null,
                null), "customer groups admit external contacts");

        assertEquals(List.of("MB-8"), rules(MembershipRules.onJoin(department, HR_GROUP, "u2", "市场部-李四", LI,
                null, null)), "a department group admits its department only");
        assertEquals(List.of("MB-8"), rules(MembershipRules.onJoin(policy("management"), HR_GROUP, "u1", "张三",
                ZHANG, null, null)), "the management group admits managers and above");
        assertEquals(List.of(), MembershipRules.onJoin(department, HR_GROUP, "u1", "行政人事部-张三", ZHANG, null,
                null));
    }

    @Test
    void mb1OnlyOwnersAndAdminsInviteAndTheTypeSaysWhatHappensToTheUninvited() {
        Person peer = new Person("E-3", "周五", "HR", "行政人事部", "staff", false, true);
        List<Finding> approval = MembershipRules.onJoin(policy("department"), HR_GROUP, "u1", "行政人事部-张三", ZHANG,
                "u3", peer);
        assertEquals(List.of("MB-1"), rules(approval));
        assertEquals(Remedy.APPROVE, approval.getFirst().remedy());
        assertEquals("u3", approval.getFirst().offender(), "the inviter broke the rule");
        assertEquals(List.of(), MembershipRules.onJoin(policy("department"), HR_GROUP, "u1", "行政人事部-张三", ZHANG,
                "own", OWNER));
        Group withAdmin = new Group("HR", "E-OWN", List.of("E-3"));
        assertEquals(List.of(), MembershipRules.onJoin(policy("department"), withAdmin, "u1", "行政人事部-张三", ZHANG,
                "u3", peer), "an admin may invite");
        assertEquals(List.of(), MembershipRules.onJoin(policy("social"), HR_GROUP, "u1", "x", ZHANG, "u3", peer),
                "in social groups members invite");
        assertEquals(Remedy.CHECK, MembershipRules.onJoin(policy("project"), HR_GROUP, "u1", "行政人事部-张三", ZHANG,
                "u3", peer).getFirst().remedy(), "project groups flag");
        List<Finding> removal = MembershipRules.onJoin(policy("customer"), HR_GROUP, "u2", "市场部-李四", LI, "u3",
                peer);
        assertEquals(Remedy.REMOVE, removal.getFirst().remedy());
        List<Finding> unknownInviter = MembershipRules.onJoin(policy("department"), HR_GROUP, "u1", "行政人事部-张三",
                ZHANG, "stranger", null);
        assertTrue(unknownInviter.getFirst().detail().startsWith("user stranger added 张三"));
        assertEquals(List.of(), MembershipRules.onJoin(policy("department"), HR_GROUP, "u1", "行政人事部-张三", ZHANG,
                null, null), "not checked when the platform does not say who invited");
    }

    @Test
    void mb6LeavingAMandatoryGroupIsAViolationUnlessSomeoneRemovedThem() {
        assertEquals("MB-6", MembershipRules.onLeave(policy("department"), "u1", null, ZHANG).orElseThrow().ruleId());
        assertFalse(MembershipRules.onLeave(policy("department"), "u1", "own", ZHANG).isPresent());
        assertFalse(MembershipRules.onLeave(policy("project"), "u1", null, ZHANG).isPresent());
        assertFalse(MembershipRules.onLeave(policy("department"), "u9", null, LEAVER).isPresent(),
                "someone who left the company is not held to it");
    }

    @Test
    void mb7MandatoryMembersFollowTheType() {
        assertTrue(MembershipRules.mandatory(policy("department"), HR_GROUP, ZHANG));
        assertFalse(MembershipRules.mandatory(policy("department"), HR_GROUP, LI));
        assertTrue(MembershipRules.mandatory(policy("all-staff"), HR_GROUP, LI));
        assertFalse(MembershipRules.mandatory(policy("all-staff"), HR_GROUP, CUSTOMER));
        assertFalse(MembershipRules.mandatory(policy("all-staff"), HR_GROUP, LEAVER));
        assertTrue(MembershipRules.mandatory(policy("management"), HR_GROUP, CEO));
        assertFalse(MembershipRules.mandatory(policy("management"), HR_GROUP, OWNER), "managers may, directors must");
    }
}
