package io.qunguan.group.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The per-platform app maps: which apps are configured, and their names. */
public final class PlatformApps {

    /** The app configured without a name, called back at {@code /webhooks/<platform>}. */
    public static final String DEFAULT = "default";

    private PlatformApps() {
    }

    /**
     * The apps that are configured. The unnamed app always appears in a mapped map, even with no key set, so
     * an app whose required keys are all absent is left out; one that sets only some of them is a
     * configuration error that stops the service.
     *
     * @param required each required key's name and how to read it from an app
     */
    public static <A> Map<String, A> configured(String prefix, Map<String, A> apps,
            Map<String, Function<A, Optional<String>>> required) {
        Map<String, A> configured = new LinkedHashMap<>();
        apps.forEach((name, app) -> {
            long present = required.values().stream().filter(key -> key.apply(app).isPresent()).count();
            if (present == required.size()) {
                configured.put(name, app);
            } else if (present > 0) {
                String missing = String.join(", ", required.keySet().stream()
                        .filter(key -> required.get(key).apply(app).isEmpty()).toList());
                throw new IllegalArgumentException(prefix + (name.equals(DEFAULT) ? "" : "." + name) + " lacks " + missing);
            }
        });
        return configured;
    }

    /**
     * The apps that set at least one of {@code keys}: for platforms where an app may use one of several
     * authentication schemes (OneBot's HMAC secret or access token, DingTalk's event subscription or robot).
     */
    public static <A> Map<String, A> configuredWithAny(Map<String, A> apps, List<Function<A, Optional<String>>> keys) {
        Map<String, A> configured = new LinkedHashMap<>();
        apps.forEach((name, app) -> {
            if (keys.stream().anyMatch(key -> key.apply(app).isPresent())) {
                configured.put(name, app);
            }
        });
        return configured;
    }
}
