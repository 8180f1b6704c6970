package io.qunguan.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * An appeal filed against a violation (SV-6), to be decided by {@code decideBy}; {@link AppealDecided} settles it.
 * Until then the dashboard lists it.
 */
public record AppealFiled(UUID appealId, UUID violationId, String groupId, String ruleId, String appellant,
        OffsetDateTime filedAt, OffsetDateTime decideBy) implements EventPayload {

    public static final String TYPE = "qunguan.moderation.AppealFiled";

    public AppealFiled {
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
