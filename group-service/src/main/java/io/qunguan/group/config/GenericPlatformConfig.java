package io.qunguan.group.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Qunguan's own signed webhook format for bridges to platforms without official webhooks. */
@ConfigMapping(prefix = "qunguan.platforms.generic")
public interface GenericPlatformConfig {

    /** The HMAC secret bridges sign with. */
    String secret();

    /** The secret being rotated out; accepted as well until removed. */
    Optional<String> previousSecret();

    /** How far a request's timestamp may be from now, either way. */
    @WithDefault("300s")
    Duration replayWindow();
}
