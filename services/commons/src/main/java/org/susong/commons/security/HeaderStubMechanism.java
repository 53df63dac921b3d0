package org.susong.commons.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The development stub as an authentication mechanism: with {@code susong.identity.header-stub}
 * on, a request naming {@code X-User} is authenticated from its headers. Off (every profile but
 * local, dev and test), the headers are ignored, so a forged {@code X-User} is just anonymous.
 */
@ApplicationScoped
public class HeaderStubMechanism implements HttpAuthenticationMechanism {

    public static final String USER = "X-User";
    public static final String ROLES = "X-Roles";
    public static final String DISTRICT = "X-District";
    public static final String ACTING_FOR = "X-Acting-For";
    public static final String FUNDS = "X-Funds";

    private final IdentityConfig config;

    HeaderStubMechanism(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!config.headerStub()) {
            return Uni.createFrom().nullItem();
        }
        var headers = context.request().headers();
        String user = trimmed(headers.get(USER));
        if (user == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new HeaderStubRequest(user, list(headers.get(ROLES)),
                trimmed(headers.get(DISTRICT)), trimmed(headers.get(ACTING_FOR)), list(headers.get(FUNDS))));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(HeaderStubRequest.class);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Set<String> list(String value) {
        if (value == null) {
            return Set.of();
        }
        return Set.copyOf(java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList());
    }
}
