package io.qunguan.platforms.outbound;

import io.qunguan.events.Platform;
import io.qunguan.platforms.outbound.AdminAction.Kind;
import java.util.List;
import java.util.Map;

/**
 * Which admin action each platform offers by API, and which only a person with the right in the chat can do (an
 * owner task). The README's capability table is this table; a test keeps the two equal.
 */
public final class PlatformCapabilities {

    /** How an action is done on a platform. */
    public enum Support { API, OWNER_TASK }

    /** @param how the API called, or why a person must do it */
    public record Capability(Support support, String how) {
    }

    /** The platforms Qunguan acts on; the generic webhook's bridges offer no admin API. */
    public static final List<Platform> PLATFORMS = List.of(Platform.WECOM, Platform.DINGTALK, Platform.FEISHU,
            Platform.SLACK, Platform.ONEBOT);

    private static final Map<Platform, Map<Kind, Capability>> TABLE = Map.of(
            Platform.WECOM, Map.of(
                    Kind.POST_MESSAGE, api("`appchat/send` (chats the app created)"),
                    Kind.REMOVE_MEMBER, api("`appchat/update` `del_user_list` (chats the app created; refused elsewhere)"),
                    Kind.MUTE_MEMBER, task("no API"),
                    Kind.UNMUTE_MEMBER, task("no API"),
                    Kind.RECALL_MESSAGE, task("`message/recall` recalls only the app's own messages"),
                    Kind.RENAME_CHAT, api("`appchat/update` `name` (chats the app created)"),
                    Kind.DISMISS_CHAT, task("no API")),
            Platform.DINGTALK, Map.of(
                    Kind.POST_MESSAGE, api("`v1.0/robot/groupMessages/send` (`robotCode`)"),
                    Kind.REMOVE_MEMBER, api("`topapi/im/chat/scenegroup/member/delete` (scene groups; refused elsewhere)"),
                    Kind.MUTE_MEMBER, api("`v1.0/im/sceneGroups/muteMembers/set` (scene groups)"),
                    Kind.UNMUTE_MEMBER, api("`v1.0/im/sceneGroups/muteMembers/set` `muteStatus` 0 (scene groups)"),
                    Kind.RECALL_MESSAGE, task("robots recall only their own messages"),
                    Kind.RENAME_CHAT, api("`topapi/im/chat/scenegroup/update` `title` (scene groups)"),
                    Kind.DISMISS_CHAT, task("no API")),
            Platform.FEISHU, Map.of(
                    Kind.POST_MESSAGE, api("`POST im/v1/messages` with `uuid` (idempotent for an hour)"),
                    Kind.REMOVE_MEMBER, api("`DELETE im/v1/chats/{id}/members`"),
                    Kind.MUTE_MEMBER, task("Feishu restricts who may speak in the whole chat, not one member"),
                    Kind.UNMUTE_MEMBER, task("Feishu restricts who may speak in the whole chat, not one member"),
                    Kind.RECALL_MESSAGE, api("`DELETE im/v1/messages/{id}` (the bot must own the chat)"),
                    Kind.RENAME_CHAT, api("`PUT im/v1/chats/{id}`"),
                    Kind.DISMISS_CHAT, api("`DELETE im/v1/chats/{id}`")),
            Platform.SLACK, Map.of(
                    Kind.POST_MESSAGE, api("`chat.postMessage`"),
                    Kind.REMOVE_MEMBER, api("`conversations.kick`"),
                    Kind.MUTE_MEMBER, task("no API"),
                    Kind.UNMUTE_MEMBER, task("no API"),
                    Kind.RECALL_MESSAGE, task("`chat.delete` with a bot token deletes only the bot's own messages"),
                    Kind.RENAME_CHAT, api("`conversations.rename`"),
                    Kind.DISMISS_CHAT, api("`conversations.archive`")),
            Platform.ONEBOT, Map.of(
                    Kind.POST_MESSAGE, api("`send_group_msg`"),
                    Kind.REMOVE_MEMBER, api("`set_group_kick` (the bot must be an admin)"),
                    Kind.MUTE_MEMBER, api("`set_group_ban` (the bot must be an admin)"),
                    Kind.UNMUTE_MEMBER, api("`set_group_ban` `duration` 0 (the bot must be an admin)"),
                    Kind.RECALL_MESSAGE, api("`delete_msg` (the bot must be an admin)"),
                    Kind.RENAME_CHAT, api("`set_group_name` (the bot must be an admin)"),
                    Kind.DISMISS_CHAT, api("`set_group_leave` `is_dismiss` (the bot must own the group)")));

    private PlatformCapabilities() {
    }

    public static Capability of(Platform platform, Kind kind) {
        Map<Kind, Capability> actions = TABLE.get(platform);
        return actions == null ? task("not a platform Qunguan acts on") : actions.get(kind);
    }

    private static Capability api(String how) {
        return new Capability(Support.API, how);
    }

    private static Capability task(String why) {
        return new Capability(Support.OWNER_TASK, why);
    }
}
