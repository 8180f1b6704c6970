package io.qunguan.group.domain.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.group.domain.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy documents (GL-7, SV-9): the default catalogue is valid, and a faulty document is refused with reasons. */
class GroupPolicyTest {

    private static ObjectNode departmentPolicy() {
        for (JsonNode type : DefaultCatalogue.load().path("types")) {
            if (type.path("id").asText().equals("department")) {
                return (ObjectNode) type.path("policy").deepCopy();
            }
        }
        throw new AssertionError("the default catalogue has a department type");
    }

    @Test
    void theDefaultCatalogueHoldsTheSevenTypesOfThePoliciesAndEachIsValid() {
        List<String> ids = new ArrayList<>();
        for (JsonNode type : DefaultCatalogue.load().path("types")) {
            ids.add(type.path("id").asText());
            // read() refuses a document with any problem
            PolicyDocuments.read(type.path("policy"));
        }
        assertEquals(List.of("management", "production-sales", "all-staff", "department", "project", "customer",
                "social"), ids);
    }

    @Test
    void aPolicyRoundTripsThroughItsDocument() {
        GroupPolicy policy = PolicyDocuments.read(departmentPolicy());
        assertEquals(policy, PolicyDocuments.read(PolicyDocuments.write(policy)));
        assertEquals(GroupPolicy.Prefix.DEPARTMENT, policy.naming().prefix());
        assertTrue(policy.mandatoryMembers().groupDepartment());
        assertEquals(GroupPolicy.UninvitedAction.APPROVAL, policy.invitations().onUninvited());
    }

    @Test
    void aMisspeltKeyIsRefusedWithItsPath() {
        ObjectNode document = departmentPolicy();
        ((ObjectNode) document.path("invitations")).put("whoMayInvit", "MEMBERS");
        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertTrue(refusal.getMessage().contains("unknown key whoMayInvit at $.invitations"), refusal.getMessage());
    }

    /** SV-2: a ladder with a mute's minutes and a fine's amount, and categories only recorded, survive a round trip. */
    @Test
    void sv2LadderRungsCarryDurationsAndAmountsAndNamedRungsStillRead() {
        ObjectNode document = departmentPolicy();
        ObjectNode moderation = (ObjectNode) document.path("moderation");
        var ladder = moderation.putArray("sanctionsLadder").add("REMINDER");
        ladder.addObject().put("sanction", "MUTE").put("minutes", 30);
        ladder.addObject().put("sanction", "FINE").put("yuan", 50);
        ladder.add("REFERRAL_TO_HR");
        ((ObjectNode) moderation.path("contentActions")).put("rumour", "RECORD").put("ads", "LADDER");
        moderation.put("otherContent", "SANCTION").put("repeatWindowDays", 30);
        moderation.putObject("startRung").put("CRITICAL", 3);

        GroupPolicy policy = PolicyDocuments.read(document);
        assertEquals(List.of(new GroupPolicy.Rung("REMINDER", null, null), new GroupPolicy.Rung("MUTE", 30, null),
                new GroupPolicy.Rung("FINE", null, 50), new GroupPolicy.Rung("REFERRAL_TO_HR", null, null)),
                policy.moderation().sanctionsLadder());
        assertEquals(policy, PolicyDocuments.read(PolicyDocuments.tree(policy)), "written and read back unchanged");
    }

    @Test
    void everyProblemOfADocumentIsReportedAtOnce() {
        ObjectNode document = departmentPolicy();
        ((ObjectNode) document.path("naming")).put("prefix", "COMPANY");
        document.put("announcementWithinHours", 0);
        document.putArray("overridable").add("colour");
        document.putArray("approvalChain").addObject().put("label", "总裁办").put("approver", "PERSON");
        ObjectNode moderation = (ObjectNode) document.path("moderation");
        var ladder = moderation.putArray("sanctionsLadder").add("REMINDER").add("FLOGGING");
        ladder.addObject().put("sanction", "FINE");
        ((ObjectNode) moderation.path("contentActions")).put("gambling", "SHRUG");
        ((ObjectNode) moderation.path("quietHours")).put("zone", "Mars/Olympus");

        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        String problems = String.join("\n", refusal.problems());
        assertEquals(8, refusal.problems().size(), problems);
        assertTrue(problems.contains("naming.companyPrefix is required"), problems);
        assertTrue(problems.contains("announcementWithinHours must be positive"), problems);
        assertTrue(problems.contains("unknown part colour"), problems);
        assertTrue(problems.contains("approvalChain[0].personId is required"), problems);
        assertTrue(problems.contains("unknown sanction FLOGGING"), problems);
        assertTrue(problems.contains("sanctionsLadder[2] needs a positive yuan amount"), problems);
        assertTrue(problems.contains("contentActions.gambling must be ALLOW, RECORD, SANCTION or a sanction"),
                problems);
        assertTrue(problems.contains("not a time zone: Mars/Olympus"), problems);
    }

    @Test
    void anUnknownEnumValueIsRefused() {
        ObjectNode document = departmentPolicy();
        ((ObjectNode) document.path("naming")).put("prefix", "TEAM");
        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        assertTrue(refusal.getMessage().contains("$.naming.prefix"), refusal.getMessage());
    }
}
