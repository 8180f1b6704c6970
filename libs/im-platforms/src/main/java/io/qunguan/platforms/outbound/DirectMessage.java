package io.qunguan.platforms.outbound;

import io.qunguan.events.Platform;
import java.util.Objects;

/**
 * A message from Qunguan's app to one person, in the person's own conversation with the app: a WeCom app message,
 * a DingTalk work notification, a Feishu message to a user, a Slack DM, a OneBot private message.
 *
 * @param userId   the person's id on the platform (WeCom/DingTalk userid, Feishu user_id or open_id {@code ou_…},
 *                 Slack {@code U…}, QQ number)
 * @param markdown whether {@code text} is markdown in the platform's flavour
 * @param key      stable across attempts: the platform's idempotency key where it takes one (Feishu {@code uuid})
 */
public record DirectMessage(Platform platform, String userId, String text, boolean markdown, String key) {

    public DirectMessage {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(key, "key");
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a direct message needs the person's platform id");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a direct message needs a text");
        }
    }
}
