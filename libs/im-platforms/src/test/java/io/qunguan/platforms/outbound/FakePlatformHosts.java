package io.qunguan.platforms.outbound;

import io.qunguan.testkit.FakePlatform;

/** Every platform's API host pointed at one local fake platform, under the platform's id as path prefix. */
final class FakePlatformHosts {

    private FakePlatformHosts() {
    }

    static PlatformHosts of(FakePlatform platform) {
        return new PlatformHosts(platform.url("wecom"), platform.url("dingtalk"), platform.url("dingtalk-api"),
                platform.url("feishu"), platform.url("slack"), platform.url("onebot"));
    }
}
