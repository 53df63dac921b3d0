package org.susong.portal.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of the README's table, as the services name them in {@code X-Roles} (and in the identity provider's
 * {@code realm_access/roles}). The portal has pages for two of them so far; the others sign in and are told so.
 */
public enum Role {
    APPLICANT("applicant"),
    OFFICER("officer"),
    FINANCE("finance"),
    REGISTRAR("registrar"),
    FUND_MANAGER("fund-manager"),
    ADMIN("admin"),
    AUDITOR("auditor");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    /** The role's name on the wire ({@code X-Roles}, token claims). */
    public String code() {
        return code;
    }

    public static Optional<Role> of(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
