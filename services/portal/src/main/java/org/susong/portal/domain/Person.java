package org.susong.portal.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whom the portal acts as: a user with one role and that role's claim (an officer's district, an applicant's USCC, a
 * fund manager's funds). Built by the development sign-in ({@link #of}, no access token: the services are told who it
 * is by the header stub), or from the claims of the identity provider's access token ({@link #fromToken}, which the
 * services are sent instead).
 */
public record Person(String user, Role role, District district, String actingFor, String funds, AccessToken accessToken) {

    /** The signed-in user's access token as the identity provider issued it; never printed. */
    public record AccessToken(String value) {

        @Override
        public String toString() {
            return "AccessToken[***]";
        }
    }

    /** The person of the development sign-in (no access token). */
    public Person(String user, Role role, District district, String actingFor, String funds) {
        this(user, role, district, actingFor, funds, null);
    }

    /**
     * The claims the services read from the same token (docs/security.md "Identity": {@code sub}, realm roles,
     * {@code district}, {@code uscc}, {@code funds}), and the portal's person of them: the first role of
     * {@link Role}'s order the token holds (the portal shows one role's pages; roles it does not know, e.g. Keycloak's
     * {@code default-roles-susong} or {@code batch-exporter}, are not roles here), the district by its code in any
     * case ({@code Huli} in the realm), the funds joined by commas as the development sign-in types them.
     */
    public record Claims(String sub, Collection<String> roles, String district, String uscc, Collection<String> funds) {
    }

    /** A person of an access token, or why its claims make none (each named by its claim). */
    public record FromToken(Person person, List<String> problems) {
    }

    public static FromToken fromToken(Claims claims, String accessToken) {
        Role role = java.util.Arrays.stream(Role.values())
                .filter(r -> claims.roles() != null && claims.roles().contains(r.code())).findFirst().orElse(null);
        District district = District.of(claims.district()).orElse(null);
        String funds = claims.funds() == null || claims.funds().isEmpty() ? null : String.join(",", claims.funds());
        List<String> problems = problems(claims.sub(), role, district, claims.uscc(), funds).stream()
                .map(TOKEN_CLAIM::get).toList();
        if (!problems.isEmpty() || accessToken == null || accessToken.isBlank()) {
            return new FromToken(null, problems.isEmpty() ? List.of("access token") : problems);
        }
        Person p = of(claims.sub(), role, district, claims.uscc(), funds);
        return new FromToken(new Person(p.user, p.role, p.district, p.actingFor, p.funds, new AccessToken(accessToken)),
                List.of());
    }

    /** The sign-in form's field names as the token's claims. */
    private static final Map<String, String> TOKEN_CLAIM = Map.of("user", "sub", "role", "realm_access.roles",
            "district", "district", "actingFor", "uscc", "funds", "funds");

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** 18 characters of the USCC alphabet; the applications service checks the check character. */
    private static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
    private static final Pattern FUNDS = Pattern.compile("[A-Z0-9-]{1,40}(,[A-Z0-9-]{1,40}){0,9}");

    /** What is wrong with a sign-in's fields, each named by its field; nothing for a valid person. */
    public static List<String> problems(String user, Role role, District district, String actingFor, String funds) {
        List<String> problems = new ArrayList<>();
        if (role == null) {
            problems.add("role");
        }
        if (user == null || !USER.matcher(user).matches()) {
            problems.add("user");
        }
        if (role == Role.OFFICER && district == null) {
            problems.add("district");
        }
        if (role == Role.APPLICANT && (actingFor == null || !USCC.matcher(actingFor).matches())) {
            problems.add("actingFor");
        }
        if (role == Role.FUND_MANAGER && (funds == null || !FUNDS.matcher(funds).matches())) {
            problems.add("funds");
        }
        return problems;
    }

    /** The person of valid fields; a claim the role does not use is dropped, so it is never sent. */
    public static Person of(String user, Role role, District district, String actingFor, String funds) {
        List<String> problems = problems(user, role, district, actingFor, funds);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + problems);
        }
        return new Person(user, role, role == Role.OFFICER ? district : null, role == Role.APPLICANT ? actingFor : null,
                role == Role.FUND_MANAGER ? funds : null);
    }

    /**
     * The development header stub's headers for this person (docs/security.md): what the services' local, dev and
     * test profiles read instead of a bearer token. An absent claim is an empty header, which the stub reads as none.
     */
    public Map<String, String> stubHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-User", user);
        headers.put("X-Roles", role.code());
        headers.put("X-District", district == null ? "" : district.name());
        headers.put("X-Acting-For", actingFor == null ? "" : actingFor);
        headers.put("X-Funds", funds == null ? "" : funds);
        return headers;
    }

    /** The cookie value: base64url of the fields, one a line. Not a secret: it only exists where the stub does. */
    public String encode() {
        String text = String.join("\n", user, role.code(), district == null ? "" : district.name(),
                actingFor == null ? "" : actingFor, funds == null ? "" : funds);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The person of a cookie value; anything malformed or invalid is no one. */
    public static Optional<Person> decode(String value) {
        if (value == null || value.isBlank() || value.length() > 512) {
            return Optional.empty();
        }
        try {
            String[] f = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\n", -1);
            if (f.length != 5) {
                return Optional.empty();
            }
            Role role = Role.of(f[1]).orElse(null);
            District district = District.of(f[2]).orElse(null);
            String actingFor = f[3].isEmpty() ? null : f[3];
            String funds = f[4].isEmpty() ? null : f[4];
            if (!problems(f[0], role, district, actingFor, funds).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(of(f[0], role, district, actingFor, funds));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
