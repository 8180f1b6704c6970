package io.qunguan.testkit;

import io.qunguan.events.Platform;
import io.qunguan.events.Sanction;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Violations as moderation-service publishes them, for the tests of the services that consume them. */
public final class Violations {

    private Violations() {
    }

    /**
     * A first offence in the chat {@code <platform>:<chatId>} no group holds, judged by the company default, with one
     * finding; {@code sanction} names the kind ({@code MUTE} lasts 60 minutes, a {@code FINE} is 100 yuan) or is
     * {@code NONE} for a violation only recorded.
     */
    public static ViolationOpened inChat(String chatKey, String memberId, String ruleId, String category,
            Severity severity, String evidence, String sanction) {
        int colon = chatKey.indexOf(':');
        Platform platform = Platform.of(chatKey.substring(0, colon));
        Sanction decided = null;
        if (!"NONE".equals(sanction)) {
            Sanction.Kind kind = Sanction.Kind.valueOf(sanction);
            decided = new Sanction(kind, kind.timed() ? 60 : null, kind.monetary() ? 100 : null);
        }
        return new ViolationOpened(UUID.randomUUID(), ruleId, category, severity, chatKey, platform,
                chatKey.substring(colon + 1), memberId, null, null, "m-" + UUID.randomUUID(), evidence,
                List.of(new ViolationOpened.Finding(category, ruleId, severity, 0, evidence.length(), category)),
                ViolationOpened.AppliedPolicy.COMPANY_DEFAULT, decided == null ? 0 : 1, decided,
                OffsetDateTime.now(ZoneOffset.UTC));
    }
}
