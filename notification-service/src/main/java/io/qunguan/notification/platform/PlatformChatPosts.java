package io.qunguan.notification.platform;

import io.qunguan.events.Platform;
import io.qunguan.notification.domain.notices.ChatPosts;
import io.qunguan.notification.domain.notices.SendLimit;
import io.qunguan.notification.domain.notices.SendResult;
import io.qunguan.platforms.outbound.ActionOutcome;
import io.qunguan.platforms.outbound.AdminAction;
import io.qunguan.platforms.outbound.PlatformAdmin;
import io.qunguan.platforms.outbound.PlatformAppClient;
import io.qunguan.platforms.outbound.SendWindows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Posts in a group's chat with the platform library's admin client (its app's chat API). */
@ApplicationScoped
public class PlatformChatPosts implements ChatPosts {

    private final PlatformAdmin admin;
    private final SendWindows published = SendWindows.appPosts();

    public PlatformChatPosts(PlatformAppClient client) {
        this.admin = new PlatformAdmin(client);
    }

    @Override
    public SendResult post(Platform platform, String chatId, String text, String key) {
        ActionOutcome outcome = admin.carryOut(new AdminAction(AdminAction.Kind.POST_MESSAGE, platform, chatId, null,
                null, text, null, key));
        return PlatformDirectMessages.result(outcome);
    }

    @Override
    public boolean repeatable(Platform platform) {
        return PlatformAdmin.postsDropRepeats(platform);
    }

    @Override
    public List<SendLimit> limits(Platform platform) {
        return published.limits(platform).stream().map(window -> new SendLimit(window.limit(), window.length()))
                .toList();
    }
}
