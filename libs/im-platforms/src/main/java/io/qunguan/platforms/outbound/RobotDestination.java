package io.qunguan.platforms.outbound;

import io.qunguan.events.Platform;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a robot message goes. Only credentials and ids, never a URL: the host of every call comes from
 * configuration ({@code qunguan.platforms.outbound.*-url}), so nothing stored with a group or typed by a user
 * can make the service call another address.
 *
 * @param credential WeCom robot key, DingTalk robot access_token, Feishu hook token, Slack bot token, OneBot
 *                   bridge access token (may be null there)
 * @param secret     the 加签 secret of a DingTalk or Feishu robot, or null
 * @param channel    Slack channel id or OneBot group id; null for robots bound to one chat
 */
public record RobotDestination(Platform platform, String credential, String secret, String channel) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    public RobotDestination {
        Objects.requireNonNull(platform, "platform");
        if (!PlatformCapabilities.PLATFORMS.contains(platform)) {
            throw new IllegalArgumentException("no robot client for platform " + platform);
        }
        // the credential lands in a path segment or a query value: nothing that could reshape the URL
        if (credential == null ? platform != Platform.ONEBOT : !TOKEN.matcher(credential).matches()) {
            throw new IllegalArgumentException("a robot credential is 1–256 letters, digits, '.', '_', '~' or '-'");
        }
        if ((platform == Platform.SLACK || platform == Platform.ONEBOT)
                && (channel == null || !TOKEN.matcher(channel).matches())) {
            throw new IllegalArgumentException(platform + " needs a channel or group id");
        }
    }

    /** The key of this destination's send limits: one robot, or one channel of a bot. */
    String limitKey() {
        return channel == null ? credential : channel;
    }

    @Override
    public String toString() {
        // credentials stay out of logs
        return "RobotDestination[" + platform + (channel == null ? "" : ", " + channel) + "]";
    }
}
