package io.qunguan.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: a {@link FakePlatform} for every platform's API, a service's outbound hosts pointed at it, and
 * the default apps' credentials (those of admin actions and of messages to people).
 */
public class FakePlatformResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FakePlatform platform;

    /** The fake platform of the running test application. */
    public static FakePlatform platform() {
        return platform;
    }

    @Override
    public Map<String, String> start() {
        platform = FakePlatform.start();
        Map<String, String> config = new HashMap<>();
        for (String name : new String[] {"wecom", "dingtalk", "dingtalk-api", "feishu", "slack", "onebot"}) {
            config.put("qunguan.platforms.outbound." + name + "-url", platform.url(name).toString());
        }
        config.put("qunguan.platforms.outbound.timeout", "1s");
        config.put("qunguan.platforms.wecom.corp-id", "wx5823bf96d3bd56c7");
        config.put("qunguan.platforms.wecom.corp-secret", "wecom-secret");
        config.put("qunguan.platforms.wecom.agent-id", "1000002");
        config.put("qunguan.platforms.dingtalk.app-key", "dingkey");
        config.put("qunguan.platforms.dingtalk.app-secret", "ding-secret");
        config.put("qunguan.platforms.dingtalk.agent-id", "3000001");
        config.put("qunguan.platforms.dingtalk.robot-code", "dingrobot");
        config.put("qunguan.platforms.feishu.app-id", "cli_qunguan");
        config.put("qunguan.platforms.feishu.app-secret", "feishu-secret");
        config.put("qunguan.platforms.slack.bot-token", "xoxb-test");
        config.put("qunguan.platforms.onebot.api-token", "onebot-api-token");
        return config;
    }

    @Override
    public void stop() {
        if (platform != null) {
            platform.close();
        }
    }
}
