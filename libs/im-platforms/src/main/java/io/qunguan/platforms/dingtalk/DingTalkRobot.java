package io.qunguan.platforms.dingtalk;

import io.qunguan.platforms.PlatformSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One DingTalk internal robot's message callback (企业内部机器人, HTTP receive mode).
 *
 * @param appSecret         the robot's AppSecret, which keys the {@code sign} header
 * @param previousAppSecret the AppSecret being rotated out, accepted too until removed
 * @param replayWindow      how far a callback's {@code timestamp} may be from now. DingTalk allows an hour; its
 *                          {@code sign} does not cover the body, so a captured one could carry another body for as
 *                          long as it is accepted: keep it short
 * @param corpId            the company the robot belongs to; a callback naming another {@code chatbotCorpId}, or
 *                          none, is refused
 */
public record DingTalkRobot(String appSecret, Optional<String> previousAppSecret, Duration replayWindow,
        Optional<String> corpId) {

    public DingTalkRobot {
        PlatformSettings.required(appSecret, "robot-app-secret");
        PlatformSettings.replayWindow(replayWindow);
    }
}
