package io.qunguan.platforms.outbound;

/**
 * The app credentials admin actions and app posts are made with; a null one makes the actions that need it
 * {@code NOT_OFFERED}, for a person to do.
 *
 * @param wecomCorpId       WeCom CorpID
 * @param wecomCorpSecret   WeCom app Secret (corpsecret) for {@code gettoken}
 * @param wecomAgentId      WeCom AgentId of the app: messages to a person are sent as this app
 * @param dingtalkAppKey    DingTalk internal app's AppKey
 * @param dingtalkAppSecret DingTalk internal app's AppSecret
 * @param dingtalkRobotCode DingTalk robotCode: app posts to a group are made as this robot
 * @param dingtalkAgentId   DingTalk AgentId: work notifications to a person are sent as this app
 * @param feishuAppId       Feishu app_id
 * @param feishuAppSecret   Feishu App Secret for {@code tenant_access_token}
 * @param slackBotToken     Slack bot token ({@code xoxb-…})
 * @param onebotApiToken    the OneBot bridge's HTTP API bearer token, if it has one
 */
public record AppCredentials(String wecomCorpId, String wecomCorpSecret, String wecomAgentId, String dingtalkAppKey,
        String dingtalkAppSecret, String dingtalkRobotCode, String dingtalkAgentId, String feishuAppId,
        String feishuAppSecret, String slackBotToken, String onebotApiToken) {

    public AppCredentials {
        for (String agentId : new String[] {wecomAgentId, dingtalkAgentId}) {
            if (agentId != null && !agentId.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("an agent id is a number: " + agentId);
            }
        }
    }

    public static AppCredentials none() {
        return new AppCredentials(null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        // secrets stay out of logs
        return "AppCredentials[…]";
    }
}
