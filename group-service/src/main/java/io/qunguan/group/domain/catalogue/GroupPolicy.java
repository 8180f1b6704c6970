package io.qunguan.group.domain.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a group type (GL-7) demands of its groups, as one versioned document: how groups and nicknames are named,
 * who is eligible and who may invite, who approves creation, who must be a member, whether members may leave,
 * when a group goes stale, how soon its announcement is due, which parts a group may override, and the
 * moderation settings other services read from {@code group.state}.
 */
public record GroupPolicy(
        Naming naming,
        NicknameRule nickname,
        Eligibility eligibility,
        Invitations invitations,
        List<ApprovalStep> approvalChain,
        MandatoryMembers mandatoryMembers,
        boolean leavingAllowed,
        int staleAfterDays,
        int announcementWithinHours,
        List<String> overridable,
        ModerationSettings moderation,
        Records records) {

    /** The parts of a policy a group may override, when its type lists them in {@code overridable}. */
    public static final Set<String> PARTS = Set.of("naming", "nickname", "eligibility", "invitations",
            "approvalChain", "mandatoryMembers", "leavingAllowed", "staleAfterDays", "announcementWithinHours",
            "moderation");
    /** The sanctions (SV-2) a policy may name: the contract's kinds. */
    public static final List<String> SANCTIONS = Arrays.stream(Sanction.Kind.values()).map(Enum::name).toList();
    /** What a content category may be in a group: allowed, a violation on record only, sanctioned on the ladder. */
    public static final List<String> CONTENT_MODES = List.of("ALLOW", "RECORD", "SANCTION", "LADDER");
    /** What a meeting notice may be required to state (MT-1). */
    public static final List<String> MEETING_PARTS = List.of("topic", "time", "place", "agenda");

    public GroupPolicy {
        approvalChain = approvalChain == null ? List.of() : List.copyOf(approvalChain);
        overridable = overridable == null ? List.of() : List.copyOf(overridable);
    }

    /** What a group name's prefix must be (GL-4). */
    public enum Prefix { DEPARTMENT, PROJECT, DEPARTMENT_OR_PROJECT, COMPANY }

    /** {@code COMPANY}-prefixed names begin with {@code companyPrefix} (e.g. {@code 全员}) instead. */
    public record Naming(Prefix prefix, String companyPrefix) {
    }

    /** How members' group nicknames are written (MB-3). */
    public enum NicknameFormat {
        /** {@code 部门-姓名}, e.g. {@code 行政人事部-张三}. */
        DEPARTMENT_NAME,
        /** {@code 姓名-部门}, e.g. {@code 张三-行政人事部}. */
        NAME_DEPARTMENT,
        /** The real name alone. */
        NAME,
        /** No convention (e.g. social groups). */
        FREE
    }

    /** The nickname convention; people of {@code plainNameRanks} (executives) may use their plain name. */
    public record NicknameRule(NicknameFormat format, List<String> plainNameRanks) {
        public NicknameRule {
            plainNameRanks = plainNameRanks == null ? List.of() : List.copyOf(plainNameRanks);
        }
    }

    /**
     * Who may be a member (MB-8): of {@code ranks} (all when empty), of the group's own department only when
     * {@code groupDepartmentOnly}, and external contacts only when {@code externalsAllowed}.
     */
    public record Eligibility(List<String> ranks, boolean groupDepartmentOnly, boolean externalsAllowed) {
        public Eligibility {
            ranks = ranks == null ? List.of() : List.copyOf(ranks);
        }
    }

    /** Who may add members (MB-1). */
    public enum Inviters { OWNER_AND_ADMINS, MEMBERS }

    /** What happens to a member added by someone not allowed to invite (MB-1, MB-2). */
    public enum UninvitedAction { FLAG, REMOVE, APPROVAL }

    public record Invitations(Inviters whoMayInvite, UninvitedAction onUninvited) {
    }

    /** Who decides an approval step (GL-2). */
    public enum Approver {
        /** The head of the group's department. */
        DEPARTMENT_HEAD,
        /** Anyone acting as HR (the administration department). */
        HR,
        /** One named person, e.g. the head of the president's office or the marketing lead. */
        PERSON
    }

    /** One step of the approval chain; {@code personId} names the approver when {@code approver} is PERSON. */
    public record ApprovalStep(String label, Approver approver, String personId) {
    }

    /**
     * Who must be a member (MB-7): everyone of {@code ranks}, everyone of the group's department when
     * {@code groupDepartment}, every active employee when {@code allStaff}.
     */
    public record MandatoryMembers(List<String> ranks, boolean groupDepartment, boolean allStaff) {
        public MandatoryMembers {
            ranks = ranks == null ? List.of() : List.copyOf(ranks);
        }
    }

    /**
     * The settings moderation-service and notification-service apply to the group's messages.
     *
     * @param contentActions  content category (as the rule engine names it) → {@code ALLOW}, {@code RECORD} (a
     *                        violation on file, no sanction), {@code SANCTION} (the ladder decides; {@code LADDER} in
     *                        earlier versions) or a fixed sanction
     * @param otherContent    the action for a category {@code contentActions} does not name; SANCTION when absent
     * @param sanctionsLadder the rungs, mildest first (SV-2)
     * @param startRung       severity → the rung (from 0) a first offence starts on; LOW 0, MEDIUM 0, HIGH 1 and
     *                        CRITICAL 2 when absent
     * @param repeatWindowDays how far back earlier offences count as repeats; 90 when absent
     * @param images          BH-3; not counted when absent
     * @param voice           BH-4; voice allowed when absent
     * @param escalation      SV-8; critical violations only when absent
     * @param marketing       MK-1, MK-2 (customer groups); not checked when absent
     * @param clearMessages   BH-8; not checked when absent
     * @param urgent          BH-2's urgent markers; 【紧急】, 【急】, 紧急, 急, #urgent and [urgent] when absent
     * @param acknowledgement BH-6 (notification-service tracks who acknowledged); notices not tracked when absent
     * @param meetings        MT-1, MT-2 (notification-service runs meetings); meetings not checked when absent
     * @param responseDeadlineMinutes BH-5, SV-4: how long a person a leader gives a task to has to answer; no
     *                        deadlines when absent
     * @param responseDeadline who is a leader, the fine, and whether rest time counts; the defaults when absent
     * @param followThrough   BH-7: a leader's task closed by the end of the working day; not tracked when absent
     * @param customerReply   BH-9: a customer's message replied to by staff in time; not tracked when absent
     * @param appealWithinDays SV-6: how long after a violation its member may appeal it; 14 when absent
     */
    public record ModerationSettings(Map<String, String> contentActions, String otherContent, Flood flood,
            Images images, Voice voice, QuietHours quietHours, Urgent urgent, Integer responseDeadlineMinutes,
            ResponseDeadline responseDeadline, FollowThrough followThrough, CustomerReply customerReply,
            Acknowledgement acknowledgement, List<Rung> sanctionsLadder,
            Map<String, Integer> startRung, Integer repeatWindowDays, Integer appealWithinDays, Escalation escalation,
            Marketing marketing, ClearMessages clearMessages, Meetings meetings) {
        public ModerationSettings {
            contentActions = contentActions == null ? Map.of() : Map.copyOf(contentActions);
            sanctionsLadder = sanctionsLadder == null ? List.of() : List.copyOf(sanctionsLadder);
            startRung = startRung == null ? Map.of() : Map.copyOf(startRung);
        }
    }

    /**
     * A rung of the ladder: a sanction, with a mute's minutes (60 when absent) or a fine's or penalty red packet's
     * amount in yuan. Written as the sanction's name alone when it needs neither.
     */
    public record Rung(String sanction, Integer minutes, Integer yuan) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Rung named(String sanction) {
            return new Rung(sanction, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        static Rung of(@JsonProperty("sanction") String sanction, @JsonProperty("minutes") Integer minutes,
                @JsonProperty("yuan") Integer yuan) {
            return new Rung(sanction, minutes, yuan);
        }

        /** The name alone when the rung needs no duration or amount, as a person would write it. */
        @JsonValue
        Object json() {
            if (minutes == null && yuan == null) {
                return sanction;
            }
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("sanction", sanction);
            if (minutes != null) {
                written.put("minutes", minutes);
            }
            if (yuan != null) {
                written.put("yuan", yuan);
            }
            return written;
        }

        /** What is wrong with the rung; empty when it is a sanction with what its kind needs. */
        List<String> problems(String where) {
            if (sanction == null || !SANCTIONS.contains(sanction)) {
                return List.of(where + " names an unknown sanction " + sanction + "; sanctions: " + SANCTIONS);
            }
            Sanction.Kind kind = Sanction.Kind.valueOf(sanction);
            List<String> problems = new ArrayList<>();
            if (minutes != null && (!kind.timed() || minutes <= 0)) {
                problems.add(where + ".minutes is for a MUTE, and positive");
            }
            if (kind.monetary() ? yuan == null || yuan <= 0 : yuan != null) {
                problems.add(where + (kind.monetary() ? " needs a positive yuan amount" : ".yuan is for a FINE or a "
                        + "PENALTY_RED_PACKET"));
            }
            return problems;
        }
    }

    /**
     * BH-1: at most {@code maxMessages} per person within {@code perSeconds}; optionally at most
     * {@code groupMaxMessages} in the whole group within {@code perSeconds}, no run of {@code shortRun} messages of at
     * most {@code shortLength} characters (4 when absent) by one person with nobody between, and no run of
     * {@code fillerRun} stickers, emoji, likes or greetings by one person.
     */
    public record Flood(int maxMessages, int perSeconds, Integer groupMaxMessages, Integer shortRun,
            Integer shortLength, Integer fillerRun) {
    }

    /** BH-3: at most {@code maxImages} per person within {@code perSeconds}. */
    public record Images(int maxImages, int perSeconds) {
    }

    /**
     * SV-8: a sanctioned violation goes to management when its severity is one of {@code severities}, it breaks one of
     * {@code rules}, or it is the offender's {@code offences}-th (2×, 3×…) within {@code withinDays} (30 when absent).
     */
    public record Escalation(List<String> severities, List<String> rules, Integer offences, Integer withinDays) {
        public Escalation {
            severities = severities == null ? List.of() : List.copyOf(severities);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * MK-1, MK-2: a staff message with one of {@code markers} (优惠, 限时, 特价… when empty) is promotional; it must be
     * approved marketing content unless {@code approvedOnly} is false, and the group takes at most {@code maxPerDay}
     * in 24 hours; with {@code mediaApprovedOnly}, every image, video or file staff post (where the bridge gives its
     * hash) must be approved too.
     */
    public record Marketing(List<String> markers, Boolean approvedOnly, Integer maxPerDay, Boolean mediaApprovedOnly) {
        public Marketing {
            markers = markers == null ? List.of() : List.copyOf(markers);
        }
    }

    /**
     * BH-8: a message starting with one of {@code markers} (【通知】, 通知：… when empty) or calling everyone with a notice
     * word is a notice; it needs {@code minSubjectChars} letters or digits besides them (6 when absent) and a time
     * that can be read.
     */
    public record ClearMessages(List<String> markers, Integer minSubjectChars) {
        public ClearMessages {
            markers = markers == null ? List.of() : List.copyOf(markers);
        }
    }

    /** BH-4: whether the group takes voice messages, and how long one may be ({@code maxSeconds}; any when absent). */
    public record Voice(boolean allowed, Integer maxSeconds) {
    }

    /**
     * Rest time (BH-2): no work messages between {@code from} and {@code to} in {@code zone}, e.g. 22:00 to 07:30
     * Asia/Shanghai, nor on the days off of the company's calendar (weekends, public holidays; adjusted working days
     * are working days) unless {@code daysOff} is false.
     */
    public record QuietHours(LocalTime from, LocalTime to, String zone, Boolean daysOff) {
    }

    /**
     * BH-2: what marks a message urgent (it may then be sent in rest time; it is on record) and how many urgent
     * messages in rest time one person may send in seven days before that is flagged too.
     */
    public record Urgent(List<String> markers, Integer allowancePerWeek) {
        public Urgent {
            markers = markers == null ? List.of() : List.copyOf(markers);
        }
    }

    /**
     * BH-6: a notice (a message starting with one of {@code markers}; notification-service's 【通知】, 【公告】, 通知：…
     * when empty) is acknowledged with one of {@code keywords} (e.g. 收到) within {@code withinMinutes}, or by a
     * quote-reply of it unless {@code quoteReplyCounts} is false; those who have not are reminded
     * {@code remindAfterMinutes} after it (each before the deadline; no reminders when empty).
     */
    public record Acknowledgement(List<String> keywords, int withinMinutes, List<Integer> remindAfterMinutes,
            List<String> markers, Boolean quoteReplyCounts) {
        public Acknowledgement {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
            remindAfterMinutes = remindAfterMinutes == null ? List.of() : List.copyOf(remindAfterMinutes);
            markers = markers == null ? List.of() : List.copyOf(markers);
        }
    }

    /**
     * MT-1, MT-2: a meeting's notice goes out {@code noticeHoursAhead} before it starts and states each of
     * {@code requiredParts} ({@link #MEETING_PARTS}); participants are reminded {@code remindBeforeMinutes} before it
     * (not reminded when absent); its minutes reach them within {@code minutesWithinHours} after it ends, a meeting
     * lasting {@code defaultDurationMinutes} (60 when absent) when its notice gives no end.
     */
    /**
     * BH-5's terms (moderation-service keeps the deadlines).
     *
     * @param leaderRanks    directory ranks whose @mention with a task opens a deadline, besides the group's owner and
     *                       admins; director, executive and manager when absent
     * @param fineYuan       the fine of a missed deadline; 100 when absent
     * @param restTimeCounts whether the clock runs in the group's quiet hours and days off; when false (the default)
     *                       a task given in rest time is due that long after the next working moment
     * @param remindBeforeMinutes the person is reminded this long before the deadline; 10 when absent
     * @param answers        what of the person's meets it: {@code ANY} message (when absent), or any of {@code QUOTE}
     *                       (a quote-reply of the task), {@code MENTION} (an @ back to the leader), {@code PLAN} (when
     *                       it will be done, or that it is)
     */
    public record ResponseDeadline(List<String> leaderRanks, Integer fineYuan, Boolean restTimeCounts,
            Integer remindBeforeMinutes, List<String> answers) {
        public ResponseDeadline {
            leaderRanks = leaderRanks == null ? null : List.copyOf(leaderRanks);
            answers = answers == null ? null : List.copyOf(answers);
        }
    }

    /** The answers a response deadline may accept (BH-5). */
    static final Set<String> ANSWERS = Set.of("ANY", "QUOTE", "MENTION", "PLAN");

    /**
     * BH-7: a task a leader gives in the group (as for BH-5) is closed by its person by the end of the working day,
     * with closing words in the chat (已完成, 搞定, done) or over REST, or they are fined for stalling.
     *
     * @param endOfDay            when the working day ends, {@code HH:mm} in the group's quiet-hours zone; 18:00 when
     *                            absent
     * @param fineYuan            the fine of a task left open; 50 when absent
     * @param remindBeforeMinutes the person is reminded this long before the end of the day; 60 when absent, 0 for
     *                            no reminder
     * @param minimumMinutes      a task given with less of the day left is due at the end of the next working day;
     *                            120 when absent
     */
    public record FollowThrough(String endOfDay, Integer fineYuan, Integer remindBeforeMinutes,
            Integer minimumMinutes) {
    }

    /**
     * BH-9: in a customer group, a customer's message gets a staff member's reply within {@code withinMinutes}, or
     * the staff member the customer named (else the group's owner) is in breach.
     *
     * @param fineYuan            the fine of a customer left waiting; the sanctions ladder when absent
     * @param restTimeCounts      whether the clock runs in the group's quiet hours and days off; false when absent
     * @param remindBeforeMinutes the person responsible is reminded this long before; 5 when absent
     */
    public record CustomerReply(Integer withinMinutes, Integer fineYuan, Boolean restTimeCounts,
            Integer remindBeforeMinutes) {
    }

    public record Meetings(int noticeHoursAhead, List<String> requiredParts, Integer remindBeforeMinutes,
            int minutesWithinHours, Integer defaultDurationMinutes) {
        public Meetings {
            requiredParts = requiredParts == null ? List.of() : List.copyOf(requiredParts);
        }
    }

    /**
     * IS-1, IS-2: how long reporting-service's archive keeps the group's messages: days for non-work groups, years
     * for work groups; the archive's configured default for the type when absent. Not a part a group may override.
     */
    public record Records(int retentionDays) {
    }

    private static boolean monetary(String action) {
        return SANCTIONS.contains(action) && Sanction.Kind.valueOf(action).monetary();
    }

    /** What is wrong with this document; empty when it may be proposed. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (naming == null || naming.prefix() == null) {
            problems.add("naming.prefix is required (DEPARTMENT, PROJECT, DEPARTMENT_OR_PROJECT or COMPANY)");
        } else if (naming.prefix() == Prefix.COMPANY
                && (naming.companyPrefix() == null || naming.companyPrefix().isBlank())) {
            problems.add("naming.companyPrefix is required when naming.prefix is COMPANY");
        }
        if (nickname == null || nickname.format() == null) {
            problems.add("nickname.format is required (DEPARTMENT_NAME, NAME_DEPARTMENT, NAME or FREE)");
        }
        if (eligibility == null) {
            problems.add("eligibility is required");
        }
        if (invitations == null || invitations.whoMayInvite() == null || invitations.onUninvited() == null) {
            problems.add("invitations.whoMayInvite and invitations.onUninvited are required");
        }
        for (int i = 0; i < approvalChain.size(); i++) {
            ApprovalStep step = approvalChain.get(i);
            if (step == null || step.approver() == null) {
                problems.add("approvalChain[" + i + "].approver is required");
            } else if (step.approver() == Approver.PERSON && (step.personId() == null || step.personId().isBlank())) {
                problems.add("approvalChain[" + i + "].personId is required for a PERSON step");
            }
        }
        if (mandatoryMembers == null) {
            problems.add("mandatoryMembers is required");
        }
        if (staleAfterDays < 0) {
            problems.add("staleAfterDays must be 0 (never stale) or more");
        }
        if (announcementWithinHours <= 0) {
            problems.add("announcementWithinHours must be positive");
        }
        if (records != null && records.retentionDays() <= 0) {
            problems.add("records.retentionDays must be positive");
        }
        overridable.stream().filter(part -> !PARTS.contains(part))
                .forEach(part -> problems.add("overridable names an unknown part " + part + "; parts: " + PARTS));
        if (moderation != null) {
            Flood flood = moderation.flood();
            if (flood != null && (flood.maxMessages() <= 0 || flood.perSeconds() <= 0)) {
                problems.add("moderation.flood needs a positive maxMessages and perSeconds");
            }
            if (flood != null && java.util.stream.Stream.of(flood.groupMaxMessages(), flood.shortRun(),
                    flood.shortLength(), flood.fillerRun()).anyMatch(limit -> limit != null && limit <= 0)) {
                problems.add("moderation.flood's groupMaxMessages, shortRun, shortLength and fillerRun are positive");
            }
            if (moderation.voice() != null && moderation.voice().maxSeconds() != null
                    && moderation.voice().maxSeconds() <= 0) {
                problems.add("moderation.voice.maxSeconds must be positive");
            }
            if (moderation.clearMessages() != null && moderation.clearMessages().minSubjectChars() != null
                    && moderation.clearMessages().minSubjectChars() <= 0) {
                problems.add("moderation.clearMessages.minSubjectChars must be positive");
            }
            if (moderation.marketing() != null && moderation.marketing().maxPerDay() != null
                    && moderation.marketing().maxPerDay() <= 0) {
                problems.add("moderation.marketing.maxPerDay must be positive");
            }
            Escalation escalation = moderation.escalation();
            if (escalation != null) {
                escalation.severities().stream().filter(severity -> Arrays.stream(Severity.values())
                        .noneMatch(known -> known.name().equals(severity))).forEach(severity -> problems.add(
                                "moderation.escalation.severities names an unknown severity " + severity));
                if (escalation.offences() != null && escalation.offences() <= 0
                        || escalation.withinDays() != null && escalation.withinDays() <= 0) {
                    problems.add("moderation.escalation.offences and withinDays must be positive");
                }
            }
            if (moderation.urgent() != null && moderation.urgent().allowancePerWeek() != null
                    && moderation.urgent().allowancePerWeek() <= 0) {
                problems.add("moderation.urgent.allowancePerWeek must be positive");
            }
            if (moderation.images() != null && (moderation.images().maxImages() <= 0
                    || moderation.images().perSeconds() <= 0)) {
                problems.add("moderation.images needs a positive maxImages and perSeconds");
            }
            if (moderation.quietHours() != null && (moderation.quietHours().from() == null
                    || moderation.quietHours().to() == null)) {
                problems.add("moderation.quietHours needs from and to");
            }
            if (moderation.responseDeadlineMinutes() != null && moderation.responseDeadlineMinutes() <= 0) {
                problems.add("moderation.responseDeadlineMinutes must be positive");
            }
            if (moderation.appealWithinDays() != null && moderation.appealWithinDays() <= 0) {
                problems.add("moderation.appealWithinDays must be positive");
            }
            ResponseDeadline deadline = moderation.responseDeadline();
            if (deadline != null && deadline.fineYuan() != null && deadline.fineYuan() <= 0) {
                problems.add("moderation.responseDeadline.fineYuan must be positive");
            }
            if (deadline != null && deadline.remindBeforeMinutes() != null && (deadline.remindBeforeMinutes() <= 0
                    || moderation.responseDeadlineMinutes() != null
                    && deadline.remindBeforeMinutes() >= moderation.responseDeadlineMinutes())) {
                problems.add("moderation.responseDeadline.remindBeforeMinutes must be positive and below "
                        + "responseDeadlineMinutes");
            }
            if (deadline != null && deadline.leaderRanks() != null && (deadline.leaderRanks().isEmpty()
                    || deadline.leaderRanks().stream().anyMatch(rank -> rank == null || rank.isBlank()))) {
                problems.add("moderation.responseDeadline.leaderRanks names at least one rank, none blank");
            }
            if (deadline != null && deadline.answers() != null && (deadline.answers().isEmpty()
                    || !ANSWERS.containsAll(deadline.answers()))) {
                problems.add("moderation.responseDeadline.answers are some of " + new TreeSet<>(ANSWERS));
            }
            FollowThrough followThrough = moderation.followThrough();
            if (followThrough != null) {
                if (followThrough.endOfDay() != null
                        && !followThrough.endOfDay().matches("([01]\\d|2[0-3]):[0-5]\\d")) {
                    problems.add("moderation.followThrough.endOfDay is a time of day, HH:mm");
                }
                if (followThrough.fineYuan() != null && followThrough.fineYuan() <= 0) {
                    problems.add("moderation.followThrough.fineYuan must be positive");
                }
                if (followThrough.remindBeforeMinutes() != null && followThrough.remindBeforeMinutes() < 0
                        || followThrough.minimumMinutes() != null && followThrough.minimumMinutes() < 0) {
                    problems.add("moderation.followThrough.remindBeforeMinutes and minimumMinutes are not negative");
                }
            }
            CustomerReply customerReply = moderation.customerReply();
            if (customerReply != null) {
                if (customerReply.withinMinutes() == null || customerReply.withinMinutes() <= 0) {
                    problems.add("moderation.customerReply.withinMinutes must be positive");
                }
                if (customerReply.fineYuan() != null && customerReply.fineYuan() <= 0) {
                    problems.add("moderation.customerReply.fineYuan must be positive");
                }
                if (customerReply.remindBeforeMinutes() != null && (customerReply.remindBeforeMinutes() <= 0
                        || customerReply.withinMinutes() != null
                        && customerReply.remindBeforeMinutes() >= customerReply.withinMinutes())) {
                    problems.add("moderation.customerReply.remindBeforeMinutes must be positive and below "
                            + "withinMinutes");
                }
            }
            Acknowledgement acknowledgement = moderation.acknowledgement();
            if (acknowledgement != null && (acknowledgement.keywords().isEmpty()
                    || acknowledgement.withinMinutes() <= 0)) {
                problems.add("moderation.acknowledgement needs keywords and a positive withinMinutes");
            }
            if (acknowledgement != null && acknowledgement.remindAfterMinutes().stream()
                    .anyMatch(minutes -> minutes <= 0 || minutes >= acknowledgement.withinMinutes())) {
                problems.add("moderation.acknowledgement.remindAfterMinutes must each be positive and below "
                        + "withinMinutes");
            }
            Meetings meetings = moderation.meetings();
            if (meetings != null) {
                if (meetings.noticeHoursAhead() <= 0 || meetings.minutesWithinHours() <= 0) {
                    problems.add("moderation.meetings needs a positive noticeHoursAhead and minutesWithinHours");
                }
                if (meetings.requiredParts().isEmpty()) {
                    problems.add("moderation.meetings.requiredParts names what a notice states: " + MEETING_PARTS);
                }
                meetings.requiredParts().stream().filter(part -> !MEETING_PARTS.contains(part)).forEach(part ->
                        problems.add("moderation.meetings.requiredParts names an unknown part " + part + "; parts: "
                                + MEETING_PARTS));
                if (meetings.remindBeforeMinutes() != null && meetings.remindBeforeMinutes() <= 0
                        || meetings.defaultDurationMinutes() != null && meetings.defaultDurationMinutes() <= 0) {
                    problems.add("moderation.meetings.remindBeforeMinutes and defaultDurationMinutes must be "
                            + "positive");
                }
            }
            moderation.contentActions().forEach((category, action) -> {
                if (!CONTENT_MODES.contains(action) && !SANCTIONS.contains(action) || monetary(action)) {
                    problems.add("moderation.contentActions." + category + " must be ALLOW, RECORD, SANCTION or a "
                            + "sanction that needs no amount " + SANCTIONS);
                }
            });
            String other = moderation.otherContent();
            if (other != null && (!CONTENT_MODES.contains(other) && !SANCTIONS.contains(other) || monetary(other))) {
                problems.add("moderation.otherContent must be ALLOW, RECORD, SANCTION or a sanction that needs no "
                        + "amount");
            }
            moderation.startRung().forEach((severity, rung) -> {
                if (Arrays.stream(Severity.values()).noneMatch(known -> known.name().equals(severity))) {
                    problems.add("moderation.startRung names an unknown severity " + severity);
                } else if (rung == null || rung < 0) {
                    problems.add("moderation.startRung." + severity + " must be 0 or more");
                }
            });
            if (moderation.repeatWindowDays() != null && moderation.repeatWindowDays() <= 0) {
                problems.add("moderation.repeatWindowDays must be positive");
            }
            if (moderation.quietHours() != null && moderation.quietHours().zone() != null) {
                try {
                    ZoneId.of(moderation.quietHours().zone());
                } catch (DateTimeException e) {
                    problems.add("moderation.quietHours.zone is not a time zone: " + moderation.quietHours().zone());
                }
            }
            for (int i = 0; i < moderation.sanctionsLadder().size(); i++) {
                Rung rung = moderation.sanctionsLadder().get(i);
                problems.addAll(rung == null ? List.of("moderation.sanctionsLadder[" + i + "] is empty")
                        : rung.problems("moderation.sanctionsLadder[" + i + "]"));
            }
        }
        return problems;
    }
}
