package io.qunguan.group.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.qunguan.group.domain.Actor;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a REST request as the domain sees it: the token's subject, the strongest role it carries, and
 * the department its {@code dept} claim names (a department head's scope).
 */
@RequestScoped
public class Callers {

    /** Roles from the broadest powers to the narrowest; a token with several acts in the first it has. */
    static final List<String> ROLES_BY_REACH = List.of(Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER,
            Actor.OPERATOR, Actor.EMPLOYEE);

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Callers(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Actor current() {
        String role = ROLES_BY_REACH.stream().filter(identity::hasRole).findFirst().orElse(Actor.EMPLOYEE);
        String department = token.getClaim("dept");
        return new Actor(identity.getPrincipal().getName(), role, department);
    }
}
