package io.qunguan.group.config;

import io.qunguan.platforms.dingtalk.DingTalkEvents;
import io.qunguan.platforms.dingtalk.DingTalkRobot;
import io.qunguan.platforms.dingtalk.DingTalkSubscription;
import io.qunguan.platforms.feishu.FeishuApp;
import io.qunguan.platforms.feishu.FeishuEvents;
import io.qunguan.platforms.generic.GenericPayloadParser;
import io.qunguan.platforms.generic.GenericSecrets;
import io.qunguan.platforms.generic.GenericSignatureVerifier;
import io.qunguan.platforms.onebot.OneBotBridge;
import io.qunguan.platforms.onebot.OneBotEvents;
import io.qunguan.platforms.outbound.AppCredentials;
import io.qunguan.platforms.outbound.PlatformAdmin;
import io.qunguan.platforms.outbound.PlatformAppClient;
import io.qunguan.platforms.outbound.PlatformHosts;
import io.qunguan.platforms.slack.SlackApp;
import io.qunguan.platforms.slack.SlackEvents;
import io.qunguan.platforms.wecom.WeComApp;
import io.qunguan.platforms.wecom.WeComCallback;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The platform library's adapters, built once from group-service's configuration: the configuration interfaces
 * are read here and nowhere else, so the library stays free of any framework.
 */
public class PlatformAdapters {

    @Produces
    @Singleton
    WeComCallback weCom(WeComConfig config) {
        Map<String, WeComConfig.App> apps = PlatformApps.configured("qunguan.platforms.wecom", config.apps(), Map.of(
                "corp-id", WeComConfig.App::corpId, "token", WeComConfig.App::token,
                "encoding-aes-key", WeComConfig.App::encodingAesKey));
        return new WeComCallback(map(apps, app -> new WeComApp(app.corpId().orElseThrow(), app.token().orElseThrow(),
                app.encodingAesKey().orElseThrow(), app.previousToken(), app.previousEncodingAesKey(),
                app.replayWindow())), Clock.systemUTC());
    }

    @Produces
    @Singleton
    DingTalkEvents dingTalk(DingTalkConfig config) {
        Map<String, DingTalkConfig.App> subscriptions = PlatformApps.configured("qunguan.platforms.dingtalk",
                config.apps(), Map.of("token", DingTalkConfig.App::token, "aes-key", DingTalkConfig.App::aesKey,
                        "owner-key", DingTalkConfig.App::ownerKey));
        Map<String, DingTalkConfig.App> robots = PlatformApps.configuredWithAny(config.apps(),
                List.of(DingTalkConfig.App::robotAppSecret));
        return new DingTalkEvents(
                map(subscriptions, app -> new DingTalkSubscription(app.token().orElseThrow(), app.aesKey().orElseThrow(),
                        app.ownerKey().orElseThrow(), app.previousToken(), app.previousAesKey(), app.replayWindow())),
                map(robots, app -> new DingTalkRobot(app.robotAppSecret().orElseThrow(), app.previousRobotAppSecret(),
                        app.robotReplayWindow(), app.corpId())),
                Clock.systemUTC());
    }

    @Produces
    @Singleton
    FeishuEvents feishu(FeishuConfig config) {
        Map<String, FeishuConfig.App> apps = PlatformApps.configured("qunguan.platforms.feishu", config.apps(),
                Map.of("verification-token", FeishuConfig.App::verificationToken));
        return new FeishuEvents(map(apps, app -> new FeishuApp(app.verificationToken().orElseThrow(),
                app.previousVerificationToken(), app.encryptKey(), app.previousEncryptKey(), app.appId(),
                app.replayWindow(), app.acceptUnencrypted())), Clock.systemUTC());
    }

    @Produces
    @Singleton
    SlackEvents slack(SlackConfig config) {
        Map<String, SlackConfig.App> apps = PlatformApps.configured("qunguan.platforms.slack", config.apps(),
                Map.of("signing-secret", SlackConfig.App::signingSecret));
        return new SlackEvents(map(apps, app -> new SlackApp(app.signingSecret().orElseThrow(),
                app.previousSigningSecret(), app.teamId(), app.replayWindow())), Clock.systemUTC());
    }

    @Produces
    @Singleton
    OneBotEvents oneBot(OneBotConfig config) {
        Map<String, OneBotConfig.Bridge> bridges = PlatformApps.configuredWithAny(config.bridges(),
                List.of(OneBotConfig.Bridge::secret, OneBotConfig.Bridge::accessToken));
        return new OneBotEvents(map(bridges, bridge -> new OneBotBridge(bridge.secret(), bridge.previousSecret(),
                bridge.accessToken(), bridge.previousAccessToken(), bridge.selfId(), bridge.replayWindow())),
                Clock.systemUTC());
    }

    @Produces
    @Singleton
    GenericSignatureVerifier genericVerifier(GenericPlatformConfig config) {
        return new GenericSignatureVerifier(new GenericSecrets(config.secret(), config.previousSecret(),
                config.replayWindow()), Clock.systemUTC());
    }

    @Produces
    @Singleton
    GenericPayloadParser genericParser() {
        return new GenericPayloadParser();
    }

    @Produces
    @Singleton
    PlatformAdmin admin(PlatformAppClient client) {
        return new PlatformAdmin(client);
    }

    /** The platforms' app APIs, acting with the default app of each platform. */
    @Produces
    @Singleton
    PlatformAppClient appClient(OutboundConfig outbound, WeComConfig wecom, DingTalkConfig dingtalk, FeishuConfig feishu,
            SlackConfig slack, OneBotConfig onebot) {
        Optional<WeComConfig.App> weComApp = defaultApp(wecom.apps());
        Optional<DingTalkConfig.App> dingTalkApp = defaultApp(dingtalk.apps());
        Optional<FeishuConfig.App> feishuApp = defaultApp(feishu.apps());
        // group-service sends no messages to a person: the apps' agent ids are notification-service's
        AppCredentials credentials = new AppCredentials(
                weComApp.flatMap(WeComConfig.App::corpId).orElse(null),
                weComApp.flatMap(WeComConfig.App::corpSecret).orElse(null), null,
                dingTalkApp.flatMap(DingTalkConfig.App::appKey).orElse(null),
                dingTalkApp.flatMap(DingTalkConfig.App::appSecret).orElse(null),
                dingTalkApp.flatMap(DingTalkConfig.App::robotCode).orElse(null), null,
                feishuApp.flatMap(FeishuConfig.App::appId).orElse(null),
                feishuApp.flatMap(FeishuConfig.App::appSecret).orElse(null),
                defaultApp(slack.apps()).flatMap(SlackConfig.App::botToken).orElse(null),
                defaultApp(onebot.bridges()).flatMap(OneBotConfig.Bridge::apiToken).orElse(null));
        return new PlatformAppClient(hosts(outbound), credentials, outbound.timeout(), Clock.systemUTC());
    }

    /** The hosts outbound calls may reach: the configured base URLs and nothing else. */
    static PlatformHosts hosts(OutboundConfig outbound) {
        return new PlatformHosts(outbound.wecomUrl(), outbound.dingtalkUrl(), outbound.dingtalkApiUrl(),
                outbound.feishuUrl(), outbound.slackUrl(), outbound.onebotUrl().orElse(null));
    }

    private static <A> Optional<A> defaultApp(Map<String, A> apps) {
        return Optional.ofNullable(apps.get(PlatformApps.DEFAULT));
    }

    private static <A, S> Map<String, S> map(Map<String, A> apps, Function<A, S> settings) {
        Map<String, S> mapped = new LinkedHashMap<>();
        apps.forEach((name, app) -> mapped.put(name, settings.apply(app)));
        return mapped;
    }
}
