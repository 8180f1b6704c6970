package io.qunguan.notification.domain.notices;

import io.qunguan.events.Platform;
import java.util.List;

/** Posts by Qunguan's app in a group's chat: the domain's port to the platforms for a group's notices. */
public interface ChatPosts {

    /** One attempt; {@code key} is stable across attempts of the same delivery. */
    SendResult post(Platform platform, String chatId, String text, String key);

    /** Whether a post whose answer was lost may be made again without the chat seeing it twice. */
    boolean repeatable(Platform platform);

    /** The platform's limits on posts to one chat; kept across instances by the deliveries' store. */
    List<SendLimit> limits(Platform platform);
}
