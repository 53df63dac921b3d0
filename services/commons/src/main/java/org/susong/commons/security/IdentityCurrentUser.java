package org.susong.commons.security;

import io.quarkus.arc.DefaultBean;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.susong.commons.rest.ProblemException;

/**
 * {@link CurrentUser} over the verified {@link SecurityIdentity}: an OIDC bearer token in production,
 * the header stub in development and tests. The actor recorded in events is the identity's user
 * (the token's subject), never a request header.
 */
@RequestScoped
@DefaultBean
public class IdentityCurrentUser implements CurrentUser {

    private final SecurityIdentity identity;

    IdentityCurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Principal require() {
        if (identity.isAnonymous()) {
            throw new ProblemException(401, "Unauthenticated",
                    "the request carries no valid credentials: send an OIDC bearer token (Authorization: Bearer ...)",
                    null);
        }
        String user = Optional.ofNullable((String) identity.getAttribute(IdentityAttributes.USER))
                .orElse(identity.getPrincipal().getName());
        Set<String> funds = identity.getAttribute(IdentityAttributes.FUNDS);
        return new Principal(user, identity.getRoles(),
                district(identity.<String>getAttribute(IdentityAttributes.DISTRICT)),
                Optional.ofNullable(identity.<String>getAttribute(IdentityAttributes.USCC)),
                funds == null ? Set.of() : funds);
    }

    /**
     * The district of the X-District header or the token's district claim, in its canonical form (the
     * enum name) whatever case it was sent in; one that is no district is 400 naming {@code district},
     * never a principal that silently sees nothing.
     */
    static Optional<String> district(String text) {
        return org.susong.commons.rest.ListParams.district("district", text).map(Enum::name);
    }

    @Override
    public Principal requireAnyRole(String... roles) {
        Principal principal = require();
        for (String role : roles) {
            if (principal.hasRole(role)) {
                return principal;
            }
        }
        throw new ProblemException(403, "Forbidden", "this needs one of the roles " + Arrays.toString(roles), null);
    }
}
