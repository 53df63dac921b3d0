package org.susong.portal.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whom the portal acts as: a user with one role and that role's claim (an officer's district, an applicant's USCC, a
 * fund manager's funds). Built by the development sign-in; with an identity provider it would come from the token.
 */
public record Person(String user, Role role, District district, String actingFor, String funds) {

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
