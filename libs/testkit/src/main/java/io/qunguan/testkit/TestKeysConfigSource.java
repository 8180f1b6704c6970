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

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? TestKeys.directory().resolve("public.pem").toUri().toString() : null;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, getValue(PROPERTY));
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
