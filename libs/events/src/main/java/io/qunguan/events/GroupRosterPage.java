package io.qunguan.events;

import java.util.List;
import java.util.Objects;

/**
 * One page of a large group's roster on {@code group.state}, published before the snapshot that lists it and only
 * when its content changed: a group of tens of thousands of members never becomes one oversized record, and one
 * join re-sends one page. A member's page is fixed by a hash of their key for a given page count.
 *
 * @param digest names this content of the page; the snapshot lists the digest of each page it is made of
 */
public record GroupRosterPage(String groupId, int page, String digest, List<GroupSnapshot.Member> members)
        implements EventPayload {

    public static final String TYPE = "qunguan.group.GroupRosterPage";

    public GroupRosterPage {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(digest, "digest");
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** Its own key, for compaction, in the group's partition, for order. */
    @Override
    public String subject() {
        return PartitionKeys.within(groupId, "roster-" + page);
    }
}
