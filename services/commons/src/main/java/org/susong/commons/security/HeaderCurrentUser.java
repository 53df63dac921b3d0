package org.susong.commons.security;

import io.quarkus.arc.DefaultBean;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.susong.commons.rest.ProblemException;

/**
 * Development stub of {@link CurrentUser}: the principal comes from request headers
 * ({@code X-User}, {@code X-Roles}, {@code X-District}, {@code X-Acting-For}). It trusts the caller
 * completely and must be replaced by an OIDC adapter before any real deployment.
 */
@RequestScoped
@DefaultBean
public class HeaderCurrentUser implements CurrentUser {

    public static final String USER = "X-User";
    public static final String ROLES = "X-Roles";
    public static final String DISTRICT = "X-District";
    public static final String ACTING_FOR = "X-Acting-For";

    private final HttpServerRequest request;

    HeaderCurrentUser(HttpServerRequest request) {
        this.request = request;
    }

    @Override
    public Principal require() {
        String user = trimmed(request.getHeader(USER)).orElseThrow(() -> new ProblemException(401,
                "Unauthenticated", "the request names no principal (development stub: send the " + USER + " header)",
                null));
        Set<String> roles = trimmed(request.getHeader(ROLES))
                .map(r -> Arrays.stream(r.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        return new Principal(user, roles, trimmed(request.getHeader(DISTRICT)), trimmed(request.getHeader(ACTING_FOR)));
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

    private static Optional<String> trimmed(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
    }
}
