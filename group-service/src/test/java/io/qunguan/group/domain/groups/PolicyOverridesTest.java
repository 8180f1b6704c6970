package io.qunguan.group.domain.groups;

import static io.qunguan.group.domain.groups.MembershipRulesTest.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.group.domain.Refusal;
import io.qunguan.group.domain.catalogue.GroupPolicy;
import io.qunguan.group.domain.catalogue.PolicyDocuments;
import io.qunguan.group.domain.groups.MembershipRules.Finding;
import io.qunguan.group.domain.groups.MembershipRules.Group;
import io.qunguan.group.domain.groups.MembershipRules.Person;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A group's overrides of its type's policy (GL-7): only parts the type lets go, and they take effect. */
class PolicyOverridesTest {

    private static final Person ZHANG = new Person("E-1", "张三", "HR", "行政人事部", "staff", false, true);
    private static final Person PEER = new Person("E-3", "周五", "HR", "行政人事部", "staff", false, true);
    private static final Group GROUP = new Group("HR", "E-OWN", List.of());
    private static final Map<String, Object> MEMBERS_INVITE = Map.of("invitations",
            Map.of("whoMayInvite", "MEMBERS", "onUninvited", "FLAG"));

    @Test
    void gl7AProjectGroupMayLetItsMembersInviteAndThenAMembersInvitationIsNoBreach() {
        GroupPolicy project = policy("project");
        assertEquals(List.of("MB-1"), MembershipRules.onJoin(project, GROUP, "u1", "行政人事部-张三", ZHANG, "u3", PEER)
                .stream().map(Finding::ruleId).toList());

        GroupPolicy overridden = PolicyDocuments.overridden(project, MEMBERS_INVITE);

        assertEquals(GroupPolicy.Inviters.MEMBERS, overridden.invitations().whoMayInvite());
        assertEquals(List.of(), MembershipRules.onJoin(overridden, GROUP, "u1", "行政人事部-张三", ZHANG, "u3", PEER));
        assertEquals(project.naming(), overridden.naming(), "every other part is the type's");
        assertEquals(project.staleAfterDays(), overridden.staleAfterDays());
    }

    @Test
    void gl7PartsTheTypeKeepsAndOverridesThatBreakThePolicyAreRefusedWithEveryProblem() {
        GroupPolicy department = policy("department");
        Refusal kept = assertThrows(Refusal.class, () -> PolicyDocuments.overridden(department,
                Map.of("leavingAllowed", true, "invitations", MEMBERS_INVITE.get("invitations"))));
        assertEquals(2, kept.problems().size(), kept.problems().toString());
        assertTrue(kept.problems().getFirst().startsWith("invitations may not be overridden"), kept.problems()
                .toString());
        assertTrue(kept.problems().get(1).contains("leavingAllowed may not be overridden by a group of this type; it "
                + "may override [moderation]"), kept.problems().toString());

        Map<String, Object> brokenModeration = Map.of("moderation", Map.of("contentActions", Map.of("porn", "NOPE")));
        Refusal broken = assertThrows(Refusal.class, () -> PolicyDocuments.overridden(department, brokenModeration));
        assertTrue(broken.problems().toString().contains("moderation.contentActions.porn must be ALLOW, RECORD, "
                + "SANCTION or a sanction"), broken.problems().toString());
    }

    @Test
    void gl7StoredOverridesOfPartsTheTypeNoLongerLetsGoAreLeftOut() {
        GroupPolicy department = policy("department");
        assertSame(department, PolicyDocuments.withStoredOverrides(department, MEMBERS_INVITE),
                "the type's policy, approved by two people, wins over a group's older choice");
        GroupPolicy project = policy("project");
        assertEquals(30, PolicyDocuments.withStoredOverrides(project, Map.of("staleAfterDays", -1)).staleAfterDays(),
                "an override the current policy refuses is dropped");
        assertEquals(60, PolicyDocuments.withStoredOverrides(project, Map.of("staleAfterDays", 60)).staleAfterDays());
    }
}
