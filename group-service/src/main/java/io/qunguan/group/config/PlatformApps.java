package io.qunguan.group.config;

/** Names shared by the per-platform app maps. */
public final class PlatformApps {

    /** The app configured without a name, called back at {@code /webhooks/<platform>}. */
    public static final String DEFAULT = "default";

    private PlatformApps() {
    }
}
