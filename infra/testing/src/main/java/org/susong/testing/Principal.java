package org.susong.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a test calls a service as: a user, its roles and the claims the services read ({@code docs/security.md}, "Roles"
 * and "Identity": an officer's {@code district}, an applicant's {@code uscc}, a fund manager's {@code funds}). The same
 * principal goes out either as the development header stub's headers ({@link #headers()}: the local, dev and test
 * profiles, the end-to-end and container tests) or as a bearer token signed by {@link TestTokens} ({@link #token()}:
 * services under {@link OidcTestProfile}). Made by {@link Principals}, one method per role.
 */
public record Principal(String user, List<String> roles, String district, String uscc, List<String> funds) {

    public Principal {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("a principal needs a user");
        }
        roles = List.copyOf(roles);
        funds = funds == null ? List.of() : List.copyOf(funds);
    }

    /** The header stub's headers ({@code X-User}, {@code X-Roles}, {@code X-District}, {@code X-Acting-For}, {@code X-Funds}). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-User", user);
        headers.put("X-Roles", String.join(",", roles));
        if (district != null) {
            headers.put("X-District", district);
        }
        if (uscc != null) {
            headers.put("X-Acting-For", uscc);
        }
        if (!funds.isEmpty()) {
            headers.put("X-Funds", String.join(",", funds));
        }
        return headers;
    }

    /** A bearer token of this principal (subject, {@code realm_access.roles} and its claims), signed by {@link TestTokens}. */
    public String token() {
        TestTokens.Builder token = TestTokens.subject(user).roles(roles.toArray(String[]::new));
        if (district != null) {
            token.district(district);
        }
        if (uscc != null) {
            token.uscc(uscc);
        }
        if (!funds.isEmpty()) {
            token.funds(funds.toArray(String[]::new));
        }
        return token.sign();
    }

    /** The same roles and claims under another user: the second officer of a maker-checker step. */
    public Principal named(String otherUser) {
        return new Principal(otherUser, roles, district, uscc, funds);
    }

    /** The same user and roles in another district. */
    public Principal inDistrict(String otherDistrict) {
        return new Principal(user, roles, otherDistrict, uscc, funds);
    }
}
