package io.qunguan.reporting.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token is good for a working day at most, as everywhere in Qunguan (the other services' smallrye.jwt.time-to-live):
 * quarkus-oidc checks its age (quarkus.oidc.token.age) and expiry, not how long it was issued for, so a token
 * valid for a month is refused here.
 */
@ApplicationScoped
public class TokenLifetime implements SecurityIdentityAugmentor {

    private final long maxSeconds;

    TokenLifetime(@ConfigProperty(name = "qunguan.security.max-token-lifetime-seconds", defaultValue = "43200")
            long maxSeconds) {
        this.maxSeconds = maxSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && token.getExpirationTime() - token.getIssuedAtTime() > maxSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException("a token is issued for "
                    + maxSeconds + " s at most"));
        }
        return Uni.createFrom().item(identity);
    }
}
