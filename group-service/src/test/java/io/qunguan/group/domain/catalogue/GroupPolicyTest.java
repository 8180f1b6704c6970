package io.qunguan.group.domain.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** BH-6, MT-1, MT-2: every work type tracks acknowledgements and checks meetings; the social group neither. */
    @Test
    void bh6Mt1Mt2EveryWorkTypeTracksAcknowledgementsWithAReminderAndChecksMeetings() {
        for (JsonNode type : DefaultCatalogue.load().path("types")) {
            GroupPolicy.ModerationSettings moderation = PolicyDocuments.read(type.path("policy")).moderation();
            String id = type.path("id").asText();
            if (id.equals("social")) {
                assertNull(moderation.acknowledgement(), "festive greetings need no acknowledgement");
                assertNull(moderation.meetings(), "no meetings are called in the social group");
                continue;
            }
            GroupPolicy.Acknowledgement acknowledgement = moderation.acknowledgement();
            assertNotNull(acknowledgement, id);
            assertEquals(List.of("收到", "执行", "马上执行", "好的", "OK", "👌", "已阅"), acknowledgement.keywords(), id);
            assertEquals(60, acknowledgement.withinMinutes(), id);
            assertEquals(List.of(30), acknowledgement.remindAfterMinutes(), id);
            assertEquals(new GroupPolicy.Meetings(24, List.of("topic", "time", "place", "agenda"), 30, 24, 60),
                    moderation.meetings(), id);
        }
    }

    /** BH-6, MT-1: a document written before reminders, markers and meetings existed is still valid, and means none. */
    @Test
    void bh6Mt1AnAcknowledgementWithoutTheNewKeysAndAPolicyWithoutMeetingsStayValid() {
        ObjectNode document = departmentPolicy();
        ObjectNode moderation = (ObjectNode) document.path("moderation");
        moderation.remove("meetings");
        moderation.putObject("acknowledgement").put("withinMinutes", 60).putArray("keywords").add("收到");

        GroupPolicy policy = PolicyDocuments.read(document);
        GroupPolicy.Acknowledgement acknowledgement = policy.moderation().acknowledgement();
        assertEquals(List.of(), acknowledgement.remindAfterMinutes(), "no reminders");
        assertEquals(List.of(), acknowledgement.markers(), "notification-service's default markers");
        assertNull(acknowledgement.quoteReplyCounts(), "a quote-reply counts unless the policy says otherwise");
        assertNull(policy.moderation().meetings(), "meetings not checked");
        assertEquals(policy, PolicyDocuments.read(PolicyDocuments.tree(policy)), "written and read back unchanged");
    }

    /** BH-6: markers and whether a quote-reply acknowledges survive a round trip. */
    @Test
    void bh6MarkersAndQuoteRepliesAreTheGroupsToSet() {
        ObjectNode document = departmentPolicy();
        ObjectNode acknowledgement = (ObjectNode) document.path("moderation").path("acknowledgement");
        acknowledgement.putArray("markers").add("【通知】").add("【紧急通知】");
        acknowledgement.put("quoteReplyCounts", false);

        GroupPolicy policy = PolicyDocuments.read(document);
        assertEquals(List.of("【通知】", "【紧急通知】"), policy.moderation().acknowledgement().markers());
        assertEquals(Boolean.FALSE, policy.moderation().acknowledgement().quoteReplyCounts());
        assertEquals(policy, PolicyDocuments.read(PolicyDocuments.tree(policy)), "written and read back unchanged");
    }

    /** BH-6, MT-1, MT-2: reminders after the deadline, meetings without lead time or deadline, unknown parts. */
    @Test
    void bh6Mt1Mt2FaultyAcknowledgementAndMeetingSettingsAreReportedAtOnce() {
        ObjectNode document = departmentPolicy();
        ObjectNode moderation = (ObjectNode) document.path("moderation");
        ((ObjectNode) moderation.path("acknowledgement")).putArray("remindAfterMinutes").add(30).add(60);
        ObjectNode meetings = moderation.putObject("meetings").put("noticeHoursAhead", 0)
                .put("minutesWithinHours", 24).put("remindBeforeMinutes", -5);
        meetings.putArray("requiredParts").add("topic").add("dresscode");

        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        String problems = String.join("\n", refusal.problems());
        assertEquals(4, refusal.problems().size(), problems);
        assertTrue(problems.contains("acknowledgement.remindAfterMinutes must each be positive and below "
                + "withinMinutes"), problems);
        assertTrue(problems.contains("meetings needs a positive noticeHoursAhead and minutesWithinHours"),
                problems);
        assertTrue(problems.contains("meetings.requiredParts names an unknown part dresscode"), problems);
        assertTrue(problems.contains("meetings.remindBeforeMinutes and defaultDurationMinutes must be positive"),
                problems);

        meetings.put("noticeHoursAhead", 24).put("minutesWithinHours", 24).put("remindBeforeMinutes", 30)
                .putArray("requiredParts");
        ((ObjectNode) moderation.path("acknowledgement")).putArray("remindAfterMinutes").add(0);
        refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        assertEquals(2, refusal.problems().size(), String.join("\n", refusal.problems()));
        assertTrue(refusal.problems().get(0).contains("remindAfterMinutes must each be positive"),
                refusal.problems().get(0));
        assertTrue(refusal.problems().get(1).contains("meetings.requiredParts names what a notice states"),
                refusal.problems().get(1));

        meetings.remove("minutesWithinHours");
        Refusal noDeadline = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        assertTrue(noDeadline.getMessage().contains("$.moderation.meetings.minutesWithinHours"),
                "MT-2's deadline is required: " + noDeadline.getMessage());

        meetings.put("minutesWithinHours", 24).put("noticeHoursAhaed", 24);
        Refusal misspelt = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        assertTrue(misspelt.getMessage().contains("unknown key noticeHoursAhaed at $.moderation.meetings"),
                misspelt.getMessage());
    }

    /** BH-5: the deadline's fine and leader ranks are checked with the rest of the document. */
    @Test
    void bh5FaultyResponseDeadlineTermsAreReported() {
        ObjectNode document = departmentPolicy();
        ObjectNode moderation = (ObjectNode) document.path("moderation");
        moderation.put("responseDeadlineMinutes", 0);
        ObjectNode terms = moderation.putObject("responseDeadline").put("fineYuan", -100);
        terms.putArray("leaderRanks").add(" ");
        terms.putArray("answers").add("QUOTE").add("LATER");

        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        String problems = String.join("\n", refusal.problems());
        assertEquals(4, refusal.problems().size(), problems);
        assertTrue(problems.contains("responseDeadline.answers are some of [ANY, MENTION, PLAN, QUOTE]"), problems);
        assertTrue(problems.contains("responseDeadlineMinutes must be positive"), problems);
        assertTrue(problems.contains("responseDeadline.fineYuan must be positive"), problems);
        assertTrue(problems.contains("responseDeadline.leaderRanks names at least one rank"), problems);

        moderation.put("responseDeadlineMinutes", 30);
        terms.put("fineYuan", 100).put("restTimeCounts", true).putArray("leaderRanks").add("manager");
        terms.putArray("answers").add("QUOTE").add("PLAN");
        assertEquals(100, PolicyDocuments.read(document).moderation().responseDeadline().fineYuan());
    }

    /** BH-7, BH-9: follow-through and customer-reply terms are checked with the rest of the document. */
    @Test
    void bh7Bh9FaultyFollowThroughAndCustomerReplyTermsAreReported() {
        ObjectNode document = departmentPolicy();
        ObjectNode moderation = (ObjectNode) document.path("moderation");
        ObjectNode followThrough = moderation.putObject("followThrough").put("endOfDay", "25:00").put("fineYuan", 0);
        ObjectNode customerReply = moderation.putObject("customerReply").put("remindBeforeMinutes", 5);

        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        String problems = String.join("\n", refusal.problems());
        assertEquals(3, refusal.problems().size(), problems);
        assertTrue(problems.contains("followThrough.endOfDay is a time of day"), problems);
        assertTrue(problems.contains("followThrough.fineYuan must be positive"), problems);
        assertTrue(problems.contains("customerReply.withinMinutes must be positive"), problems);

        followThrough.put("endOfDay", "18:30").put("fineYuan", 50);
        customerReply.put("withinMinutes", 10);
        GroupPolicy.ModerationSettings read = PolicyDocuments.read(document).moderation();
        assertEquals("18:30", read.followThrough().endOfDay());
        assertEquals(10, read.customerReply().withinMinutes());
    }

    /** IS-1, IS-2: the archive keeps a social group's records a month, a work group's years; never zero days. */
    @Test
    void is1Is2TheDefaultTypesSayHowLongTheArchiveKeepsTheirRecordsAndZeroDaysIsRefused() {
        for (JsonNode type : DefaultCatalogue.load().path("types")) {
            int days = PolicyDocuments.read(type.path("policy")).records().retentionDays();
            assertTrue(type.path("id").asText().equals("social") ? days <= 31 : days >= 3 * 365,
                    type.path("id").asText() + " keeps its records " + days + " days");
        }
        ObjectNode document = departmentPolicy();
        document.putObject("records").put("retentionDays", 0);
        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        assertTrue(String.join("\n", refusal.problems()).contains("records.retentionDays must be positive"),
                String.join("\n", refusal.problems()));
        document.remove("records");
        assertNull(PolicyDocuments.read(document).records());
    }

    @Test
    void anUnknownEnumValueIsRefused() {
        ObjectNode document = departmentPolicy();
        ((ObjectNode) document.path("naming")).put("prefix", "TEAM");
        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(document));
        assertTrue(refusal.getMessage().contains("$.naming.prefix"), refusal.getMessage());
    }
}
