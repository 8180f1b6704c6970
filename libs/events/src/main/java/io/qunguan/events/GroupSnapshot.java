package io.qunguan.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A group's latest state on the compacted {@code group.state} topic: what other services need to apply its
 * policy without asking group-service. Each snapshot replaces the previous one of the same group.
 *
 * @param chats         the platform chats bound to the group, as {@code <platform>:<chatId>} (the group id of
 *                      their im.* events)
 * @param policyVersion the type's policy version in effect; {@code policy} is the effective document: that version
 *                      with the group's own overrides of the parts the type lets a group override (GL-7)
 * @param members       the roster, when it is small enough to travel inline; empty when {@code roster} is paged
 * @param problems      why the group is non-compliant (GL-4, GL-5, GL-6 …); empty when compliant
 * @param version       counts the group's snapshots: a consumer ignores one older than what it holds (0 before
 *                      snapshots were counted: {@code updatedAt} decides)
 * @param roster        null when {@code members} holds the roster; else the {@link GroupRosterPage}s it is made of
 */
public record GroupSnapshot(String groupId, String name, String typeId, String status, String departmentId,
        String projectId, String ownerId, List<String> admins, List<String> chats, int policyVersion,
        JsonNode policy, List<Member> members, List<String> problems, OffsetDateTime updatedAt, long version,
        PagedRoster roster) implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupSnapshot";

    /**
     * A member with what policies are checked against: department, rank and role in the group.
     *
     * @param employeeId     null for a person the directory does not know (MB-4)
     * @param platformUserId {@code <platform>:<userId>} in the group's chats; null for an owner or admin in none
     */
    public record Member(String employeeId, String platformUserId, String departmentId, String rank, String role) {
    }

    /**
     * A roster sent in pages, published before this snapshot in the group's partition.
     *
     * @param pageDigests the digest of each page, page 0 first: the roster is those pages with those digests
     */
    public record PagedRoster(int memberCount, List<String> pageDigests) {

        public PagedRoster {
            pageDigests = pageDigests == null ? List.of() : List.copyOf(pageDigests);
        }
    }

    public GroupSnapshot {
        Objects.requireNonNull(groupId, "groupId");
        admins = admins == null ? List.of() : List.copyOf(admins);
        chats = chats == null ? List.of() : List.copyOf(chats);
        members = members == null ? List.of() : List.copyOf(members);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    @Override
    public String subject() {
        return groupId;
    }
}
