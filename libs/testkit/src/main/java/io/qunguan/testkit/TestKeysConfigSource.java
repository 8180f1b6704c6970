package io.qunguan.testkit;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the services' test profile at this JVM's test public key ({@link TestKeys}). Only the {@code %test}
 * profile's key is given: a service started in any other profile never trusts the test pair, even with the testkit
 * on its class path.
 */
public class TestKeysConfigSource implements ConfigSource {

    static final String PROPERTY = "%test.mp.jwt.verify.publickey.location";
    /** reporting-service's development sign-in signs the dashboard's test sessions with the test key. */
    static final String SIGN_IN = "%test.qunguan.dashboard.dev-sign-in.key-location";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY, SIGN_IN);
    }

    @Override
    public String getValue(String propertyName) {
        if (PROPERTY.equals(propertyName)) {
            return TestKeys.directory().resolve("public.pem").toUri().toString();
        }
        return SIGN_IN.equals(propertyName) ? TestKeys.directory().resolve("private.pem").toUri().toString() : null;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, getValue(PROPERTY), SIGN_IN, getValue(SIGN_IN));
    }

    @Override
    public String getName() {
        return "qunguan-test-keys";
    }

    @Override
    public int getOrdinal() {
        // above application.properties (250)
        return 275;
    }
}
