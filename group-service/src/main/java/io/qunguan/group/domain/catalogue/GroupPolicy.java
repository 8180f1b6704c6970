package io.qunguan.group.domain.catalogue;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        ModerationSettings moderation) {

    /** The parts of a policy a group may override, when its type lists them in {@code overridable}. */
    public static final Set<String> PARTS = Set.of("naming", "nickname", "eligibility", "invitations",
            "approvalChain", "mandatoryMembers", "leavingAllowed", "staleAfterDays", "announcementWithinHours",
            "moderation");
    /** The sanctions ladder's rungs (SV-2) a policy may name. */
    public static final List<String> SANCTIONS = List.of("REMINDER", "WARNING", "RECALL_REQUEST", "MUTE", "REMOVAL",
            "WRITTEN_WARNING", "FINE", "PENALTY_RED_PACKET", "DISMISSAL");

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
     * @param contentActions content category (as the rule engine names it) → {@code ALLOW}, {@code LADDER} (the
     *                       sanctions ladder decides) or a fixed sanction
     */
    public record ModerationSettings(Map<String, String> contentActions, Flood flood, QuietHours quietHours,
            Integer responseDeadlineMinutes, Acknowledgement acknowledgement, List<String> sanctionsLadder) {
        public ModerationSettings {
            contentActions = contentActions == null ? Map.of() : Map.copyOf(contentActions);
            sanctionsLadder = sanctionsLadder == null ? List.of() : List.copyOf(sanctionsLadder);
        }
    }

    /** At most {@code maxMessages} per person within {@code perSeconds} (BH-*). */
    public record Flood(int maxMessages, int perSeconds) {
    }

    /** No work messages between {@code from} and {@code to} in {@code zone}, e.g. 22:00 to 07:30 Asia/Shanghai. */
    public record QuietHours(LocalTime from, LocalTime to, String zone) {
    }

    /** Notices are acknowledged with one of {@code keywords} (e.g. 收到) within {@code withinMinutes}. */
    public record Acknowledgement(List<String> keywords, int withinMinutes) {
        public Acknowledgement {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
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
        overridable.stream().filter(part -> !PARTS.contains(part))
                .forEach(part -> problems.add("overridable names an unknown part " + part + "; parts: " + PARTS));
        if (moderation != null) {
            Flood flood = moderation.flood();
            if (flood != null && (flood.maxMessages() <= 0 || flood.perSeconds() <= 0)) {
                problems.add("moderation.flood needs a positive maxMessages and perSeconds");
            }
            if (moderation.quietHours() != null && (moderation.quietHours().from() == null
                    || moderation.quietHours().to() == null)) {
                problems.add("moderation.quietHours needs from and to");
            }
            if (moderation.responseDeadlineMinutes() != null && moderation.responseDeadlineMinutes() <= 0) {
                problems.add("moderation.responseDeadlineMinutes must be positive");
            }
            if (moderation.acknowledgement() != null && (moderation.acknowledgement().keywords().isEmpty()
                    || moderation.acknowledgement().withinMinutes() <= 0)) {
                problems.add("moderation.acknowledgement needs keywords and a positive withinMinutes");
            }
            moderation.contentActions().forEach((category, action) -> {
                if (!"ALLOW".equals(action) && !"LADDER".equals(action) && !SANCTIONS.contains(action)) {
                    problems.add("moderation.contentActions." + category + " must be ALLOW, LADDER or a sanction "
                            + SANCTIONS);
                }
            });
            if (moderation.quietHours() != null && moderation.quietHours().zone() != null) {
                try {
                    ZoneId.of(moderation.quietHours().zone());
                } catch (DateTimeException e) {
                    problems.add("moderation.quietHours.zone is not a time zone: " + moderation.quietHours().zone());
                }
            }
            moderation.sanctionsLadder().stream().filter(rung -> !SANCTIONS.contains(rung))
                    .forEach(rung -> problems.add("moderation.sanctionsLadder names an unknown sanction " + rung
                            + "; sanctions: " + SANCTIONS));
        }
        return problems;
    }
}
