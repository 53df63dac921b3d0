package org.susong.commons.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Copies the configured claims of a verified token ({@link IdentityConfig}) into the identity's
 * attributes, so the user, district, USCC and funds are read the same way for every provider.
 */
@ApplicationScoped
public class ClaimsAugmentor implements SecurityIdentityAugmentor {

    private final IdentityConfig config;

    ClaimsAugmentor(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        String user = text(token.getClaim(config.userClaim()));
        builder.addAttribute(IdentityAttributes.USER, user == null ? token.getName() : user);
        String district = text(token.getClaim(config.districtClaim()));
        if (district != null) {
            builder.addAttribute(IdentityAttributes.DISTRICT, district);
        }
        String uscc = text(token.getClaim(config.usccClaim()));
        if (uscc != null) {
            builder.addAttribute(IdentityAttributes.USCC, uscc);
        }
        builder.addAttribute(IdentityAttributes.FUNDS, texts(token.getClaim(config.fundsClaim())));
        return Uni.createFrom().item(builder.build());
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        if (claim instanceof JsonArray a && a.size() == 1) {
            return text(a.get(0));
        }
        if (claim instanceof Collection<?> c && c.size() == 1) {
            return text(c.iterator().next());
        }
        return claim instanceof String s && !s.isBlank() ? s : null;
    }

    private static Set<String> texts(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof JsonArray a) {
            a.forEach(v -> values.add(v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString()
                    : v.toString()));
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> values.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
        } else {
            String single = text(claim);
            if (single != null) {
                values.add(single);
            }
        }
        return Set.copyOf(values);
    }
}
