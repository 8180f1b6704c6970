package io.qunguan.notification.domain.notices;

import io.qunguan.events.Platform;
import java.util.List;

/** Messages from Qunguan's app to one person on their IM platform: the domain's port to the platforms. */
public interface DirectMessages {

    /** One attempt; {@code key} is stable across attempts of the same delivery. */
    SendResult send(Platform platform, String userId, String text, String key);

    /** Whether a message whose answer was lost may be sent again without the person seeing it twice. */
    boolean repeatable(Platform platform);

    /** The platform's published limits per person, which every instance together keeps. */
    List<SendLimit> limits(Platform platform);
}
