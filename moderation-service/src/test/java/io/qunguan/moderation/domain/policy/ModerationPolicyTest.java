package io.qunguan.moderation.domain.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SV-2 and GL-7: a group's moderation policy read from its document, the ladder it configures. */
class ModerationPolicyTest {

    private static JsonNode json(String text) throws Exception {
        return EventJson.MAPPER.readTree(text);
    }

    @Test
    void sv2TheLadderIsPolicyWithDurationsAndAmountsAndSevereOffencesStartHigher() throws Exception {
        ModerationPolicy policy = ModerationPolicy.read(json("""
                {"contentActions": {"ads": "RECORD", "porn": "REMOVAL", "abuse": "LADDER", "rumour": "ALLOW"},
                 "sanctionsLadder": ["REMINDER", {"sanction": "MUTE", "minutes": 30},
                                     {"sanction": "FINE", "yuan": 100}, "REFERRAL_TO_HR"],
                 "startRung": {"CRITICAL": 3}, "repeatWindowDays": 30, "responseDeadlineMinutes": 30}"""));
        Ladder ladder = policy.ladder();
        assertEquals(Sanction.of(Sanction.Kind.REMINDER), ladder.rungFor(Severity.LOW, 1));
        assertEquals(Sanction.mute(30), ladder.rungFor(Severity.MEDIUM, 2));
        assertEquals(Sanction.fine(100), ladder.rungFor(Severity.HIGH, 2), "HIGH starts one rung up by default");
        assertEquals(Sanction.of(Sanction.Kind.REFERRAL_TO_HR), ladder.rungFor(Severity.CRITICAL, 1));
        assertEquals(Sanction.of(Sanction.Kind.REFERRAL_TO_HR), ladder.rungFor(Severity.LOW, 40), "the top holds");
        assertEquals(Duration.ofDays(30), ladder.repeatWindow());

        assertEquals(ContentAction.RECORD, policy.actionFor("ads"));
        assertEquals(ContentAction.SANCTION, policy.actionFor("abuse"), "LADDER of older versions is SANCTION");
        assertEquals(ContentAction.ALLOW, policy.actionFor("rumour"));
        assertEquals(new ContentAction(ContentAction.Mode.FIXED, Sanction.of(Sanction.Kind.REMOVAL)),
                policy.actionFor("porn"));
        assertEquals(ContentAction.SANCTION, policy.actionFor("drugs"), "a category the policy does not name");
    }

    @Test
    void aPolicyWithoutALadderGetsTheDefaultOneAndAMuteWithoutDurationLastsAnHour() throws Exception {
        ModerationPolicy policy = ModerationPolicy.read(json("""
                {"contentActions": {"abuse": "MUTE"}, "otherContent": "RECORD"}"""));
        assertEquals(new ContentAction(ContentAction.Mode.FIXED, Sanction.mute(60)), policy.actionFor("abuse"));
        assertEquals(ContentAction.RECORD, policy.actionFor("gambling"));
        assertEquals(Sanction.mute(60), policy.ladder().rungFor(Severity.LOW, 4));
        assertEquals(Sanction.of(Sanction.Kind.WRITTEN_WARNING), policy.ladder().rungFor(Severity.LOW, 9));
    }

    @Test
    void aSettingThatIsNoSanctionIsRefusedByName() throws Exception {
        IllegalArgumentException fine = assertThrows(IllegalArgumentException.class, () -> ModerationPolicy.read(
                json("""
                        {"sanctionsLadder": ["REMINDER", {"sanction": "FINE"}]}""")));
        assertTrue(fine.getMessage().contains("sanctionsLadder[1]"), fine.getMessage());
        IllegalArgumentException action = assertThrows(IllegalArgumentException.class, () -> ModerationPolicy.read(
                json("""
                        {"contentActions": {"ads": "SHOUT"}}""")));
        assertTrue(action.getMessage().contains("contentActions.ads"), action.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModerationPolicy.read(null));
    }

    /** BH-6, MT-1, MT-2: notification-service's settings in the document are no concern of this reader's. */
    @Test
    void bh6Mt1Mt2AcknowledgementAndMeetingSettingsAreAcceptedAndTheirCategoriesDecidedLikeOthers() throws Exception {
        ModerationPolicy policy = ModerationPolicy.read(json("""
                {"contentActions": {"unacknowledged-notice": "ALLOW", "meeting-minutes": "RECORD"},
                 "acknowledgement": {"keywords": ["收到", "执行", "马上执行", "好的", "OK", "👌", "已阅"],
                                     "withinMinutes": 60, "remindAfterMinutes": [30], "markers": ["【通知】"],
                                     "quoteReplyCounts": true},
                 "meetings": {"noticeHoursAhead": 24, "requiredParts": ["topic", "time", "place", "agenda"],
                              "remindBeforeMinutes": 30, "minutesWithinHours": 24, "defaultDurationMinutes": 60}}"""));
        assertEquals(ContentAction.ALLOW, policy.actionFor("unacknowledged-notice"));
        assertEquals(ContentAction.RECORD, policy.actionFor("meeting-minutes"));
        assertEquals(ContentAction.SANCTION, policy.actionFor("meeting-notice"), "unnamed: otherContent");
    }

    @Test
    void theBundledCompanyDefaultIsAValidPolicy() {
        ModerationPolicy policy = new CompanyDefaultPolicy(java.util.Optional.empty()).policy();
        assertEquals(ContentAction.RECORD, policy.actionFor("rumour"));
        assertEquals(Sanction.mute(60), policy.ladder().rungFor(Severity.LOW, 4));
    }
}
