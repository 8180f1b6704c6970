package io.qunguan.group.platform;

import io.qunguan.events.Platform;
import io.qunguan.group.domain.groups.ChatAdministration;
import io.qunguan.platforms.outbound.ActionOutcome;
import io.qunguan.platforms.outbound.AdminAction;
import io.qunguan.platforms.outbound.PlatformAdmin;
import io.qunguan.platforms.outbound.PlatformCapabilities;
import jakarta.enterprise.context.ApplicationScoped;

/** The domain's chat administration, carried out with the platform library's admin client. */
@ApplicationScoped
public class PlatformChatAdministration implements ChatAdministration {

    private final PlatformAdmin admin;

    public PlatformChatAdministration(PlatformAdmin admin) {
        this.admin = admin;
    }

    @Override
    public boolean offers(Platform platform, Action action) {
        return PlatformCapabilities.of(platform, kind(action)).support() == PlatformCapabilities.Support.API;
    }

    @Override
    public boolean repeatable(Request request) {
        return PlatformAdmin.repeatable(kind(request.action()), request.platform());
    }

    @Override
    public Outcome carryOut(Request request) {
        ActionOutcome outcome = admin.carryOut(new AdminAction(kind(request.action()), request.platform(),
                request.chatId(), request.userId(), request.messageId(), request.text(), request.muteFor(),
                request.key()));
        Status status = switch (outcome.status()) {
            case DONE -> Status.DONE;
            case NOT_OFFERED -> Status.NOT_OFFERED;
            case REFUSED -> Status.REFUSED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case UNCERTAIN -> Status.UNCERTAIN;
        };
        return new Outcome(status, outcome.detail(), outcome.retryAfter());
    }

    private static AdminAction.Kind kind(Action action) {
        return switch (action) {
            case POST_MESSAGE -> AdminAction.Kind.POST_MESSAGE;
            case REMOVE_MEMBER -> AdminAction.Kind.REMOVE_MEMBER;
            case MUTE_MEMBER -> AdminAction.Kind.MUTE_MEMBER;
            case UNMUTE_MEMBER -> AdminAction.Kind.UNMUTE_MEMBER;
            case RECALL_MESSAGE -> AdminAction.Kind.RECALL_MESSAGE;
            case RENAME_CHAT -> AdminAction.Kind.RENAME_CHAT;
            case DISMISS_CHAT -> AdminAction.Kind.DISMISS_CHAT;
        };
    }
}
