package io.qunguan.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Quarkus test resource: a {@link DevIdentityProvider} for the test key pair, reporting-service's tenants on it. */
public class DevIdentityProviderResource implements QuarkusTestResourceLifecycleManager {

    private static volatile DevIdentityProvider provider;

    /** The provider of the application under test, to sign in through. */
    public static DevIdentityProvider provider() {
        DevIdentityProvider started = provider;
        if (started == null) {
            throw new IllegalStateException("no development identity provider runs: the test class lacks "
                    + "@WithTestResource(DevIdentityProviderResource.class)");
        }
        return started;
    }

    @Override
    public Map<String, String> start() {
        provider = DevIdentityProvider.forTests();
        return provider.serviceConfig();
    }

    @Override
    public void stop() {
        if (provider != null) {
            provider.close();
            provider = null;
        }
    }
}
