package io.qunguan.reporting.web;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The development sign-in of the local run and the tests: a token for a chosen person, role and department, signed
 * with the local key the services trust there. Off unless {@code qunguan.dashboard.dev-sign-in.key-location} names a
 * private key, which only the local run and the test profile do; production signs in through the company's identity
 * provider.
 */
@ApplicationScoped
class DevSignIn {

    static final Set<String> ROLES = Set.of("hr", "auditor", "dept-head", "employee");

    private final Optional<PrivateKey> key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    DevSignIn(@ConfigProperty(name = "qunguan.dashboard.dev-sign-in.key-location") Optional<String> location,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience,
            @ConfigProperty(name = "smallrye.jwt.time-to-live", defaultValue = "43200") long lifetimeSeconds) {
        this.key = location.filter(value -> !value.isBlank()).map(DevSignIn::read);
        this.issuer = issuer;
        this.audience = audience.split(",")[0].strip();
        this.lifetime = Duration.ofSeconds(Math.min(lifetimeSeconds, 43_200));
    }

    boolean enabled() {
        return key.isPresent();
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A token for {@code person} in {@code role}, a department head's or employee's with their department. */
    String issue(String person, String role, String department) {
        var claims = Jwt.issuer(issuer).audience(audience).subject(person).upn(person).groups(role)
                .expiresIn(lifetime);
        if (department != null && !department.isBlank()) {
            claims.claim("dept", department.strip());
        }
        return claims.jws().sign(key.orElseThrow(() -> new IllegalStateException("the development sign-in is off")));
    }

    private static PrivateKey read(String location) {
        try {
            Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(pem)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the development sign-in key " + location + " cannot be read", e);
        }
    }
}
