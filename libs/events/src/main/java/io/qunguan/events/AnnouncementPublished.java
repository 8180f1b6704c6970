package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A group's structured announcement was published or changed (GL-6). */
public record AnnouncementPublished(String groupId, String purpose, String functions, String memberComposition,
        String rules, String ownerContact, String publishedBy, OffsetDateTime publishedAt) implements EventPayload {

    public static final String TYPE = "qunguan.group.AnnouncementPublished";

    public AnnouncementPublished {
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
