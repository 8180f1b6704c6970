package io.qunguan.group.domain.groups;

import io.qunguan.group.domain.groups.MembershipRules.Person;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is in a group: everyone in its bound chats as the platforms report them, resolved against the directory,
 * and its owner and admins even when they are in no chat.
 */
public final class GroupRoster {

    /** A member's role in the group. */
    public enum Role { OWNER, ADMIN, MEMBER }

    /**
     * One member. {@code platformUserId} is {@code <platform>:<userId>} and null for an owner or admin in no chat;
     * the directory's fields are null for a person the directory does not know.
     */
    public record Entry(String platformUserId, String nickname, String employeeId, String realName, String departmentId,
            String rank, boolean external, boolean active, Role role, String invitedBy, OffsetDateTime joinedAt) {
    }

    private GroupRoster() {
    }

    static List<Entry> of(WorkGroup group) {
        List<String> chats = GroupChat.ofGroup(group.id).stream().filter(chat -> chat.dismissedAt == null)
                .map(chat -> chat.chatKey).toList();
        List<ChatMember> members = ChatMember.inChats(chats);
        Map<String, Map<String, Person>> peopleByPlatform = new LinkedHashMap<>();
        members.stream().collect(Collectors.groupingBy(member -> GroupChat.platformOf(member.key.chatKey()),
                        Collectors.mapping(member -> member.key.platformUserId(), Collectors.toSet())))
                .forEach((platform, users) -> peopleByPlatform.put(platform, People.ofAccounts(platform, users)));
        List<Entry> entries = new ArrayList<>();
        Set<String> seenUsers = new HashSet<>();
        Set<String> seenEmployees = new HashSet<>();
        for (ChatMember member : members) {
            String platform = GroupChat.platformOf(member.key.chatKey());
            String user = platform + ":" + member.key.platformUserId();
            if (!seenUsers.add(user)) {
                continue;
            }
            Person person = peopleByPlatform.getOrDefault(platform, Map.of()).get(member.key.platformUserId());
            if (person != null) {
                seenEmployees.add(person.employeeId());
            }
            entries.add(entry(user, member, person, group));
        }
        List<String> managers = new ArrayList<>();
        managers.add(group.ownerId);
        managers.addAll(group.admins);
        Map<String, Person> absent = People.ofEmployees(managers.stream().filter(id -> !seenEmployees.contains(id))
                .collect(Collectors.toSet()));
        managers.stream().distinct().filter(absent::containsKey)
                .forEach(id -> entries.add(entry(null, null, absent.get(id), group)));
        return entries;
    }

    private static Entry entry(String user, ChatMember member, Person person, WorkGroup group) {
        Role role = person == null ? Role.MEMBER : person.employeeId().equals(group.ownerId) ? Role.OWNER
                : group.admins.contains(person.employeeId()) ? Role.ADMIN : Role.MEMBER;
        return new Entry(user, member == null ? null : member.nickname, person == null ? null : person.employeeId(),
                person == null ? null : person.realName(), person == null ? null : person.departmentId(),
                person == null ? null : person.rank(), person != null && person.external(),
                person != null && person.active(), role, member == null ? null : member.invitedBy,
                member == null ? null : member.joinedAt);
    }
}
