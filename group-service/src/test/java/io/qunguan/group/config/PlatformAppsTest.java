package io.qunguan.group.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An unconfigured platform is absent; a half-configured app stops the service with the keys it lacks. */
class PlatformAppsTest {

    record App(Optional<String> token, Optional<String> key) {
    }

    static final Map<String, Function<App, Optional<String>>> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("token", App::token);
        REQUIRED.put("key", App::key);
    }

    @Test
    void appsWithoutAnyRequiredKeyAreLeftOut() {
        Map<String, App> apps = new LinkedHashMap<>();
        apps.put(PlatformApps.DEFAULT, new App(Optional.empty(), Optional.empty()));
        apps.put("sales", new App(Optional.of("t"), Optional.of("k")));
        assertEquals(List.of("sales"), List.copyOf(PlatformApps.configured("qunguan.platforms.x", apps, REQUIRED).keySet()));
    }

    @Test
    void aHalfConfiguredAppNamesWhatItLacks() {
        Map<String, App> apps = Map.of("sales", new App(Optional.of("t"), Optional.empty()));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PlatformApps.configured("qunguan.platforms.x", apps, REQUIRED));
        assertEquals("qunguan.platforms.x.sales lacks key", error.getMessage());
    }

    @Test
    void appsWithAnyOfSeveralSchemesAreKeptAndAppsWithNoneLeftOut() {
        Map<String, App> apps = new LinkedHashMap<>();
        apps.put(PlatformApps.DEFAULT, new App(Optional.empty(), Optional.empty()));
        apps.put("signed", new App(Optional.of("t"), Optional.empty()));
        apps.put("bearer", new App(Optional.empty(), Optional.of("k")));
        assertEquals(List.of("signed", "bearer"), List.copyOf(PlatformApps.configuredWithAny(apps,
                List.of(App::token, App::key)).keySet()));
    }
}
