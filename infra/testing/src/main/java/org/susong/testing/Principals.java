package org.susong.testing;

import java.util.List;

/**
 * The principals of the roles the platform knows (docs/security.md, "Roles"), one method each, so tests stop spelling
 * role strings and claims by hand. Each answers a {@link Principal}: its header-stub headers or its signed token.
 * {@link #ROLES} is the table's role column ({@code PrincipalsTest} reads the table and compares).
 */
public final class Principals {

    // the services' own names (commons' Principal); compile-time constants, so nothing of commons is loaded for them
    public static final String APPLICANT = org.susong.commons.security.Principal.APPLICANT;
    public static final String OFFICER = org.susong.commons.security.Principal.OFFICER;
    public static final String FINANCE = org.susong.commons.security.Principal.FINANCE;
    public static final String ADMIN = org.susong.commons.security.Principal.ADMIN;
    public static final String REGISTRAR = org.susong.commons.security.Principal.REGISTRAR;
    public static final String FUND_MANAGER = org.susong.commons.security.Principal.FUND_MANAGER;
    public static final String AUDITOR = org.susong.commons.security.Principal.AUDITOR;

    /** Every role of docs/security.md's table, in its order. */
    public static final List<String> ROLES = List.of(APPLICANT, OFFICER, FINANCE, ADMIN, REGISTRAR, FUND_MANAGER, AUDITOR);

    /** The district the end-to-end and container journeys register their applicants in (Huli, 湖里区). */
    public static final String HULI = "HULI";

    /** The funds the journeys invest from or convert into (fund-investments' seed). */
    public static final List<String> SEEDED_FUNDS = List.of("FUND-VENTURE", "FUND-CREDIT-ENHANCEMENT", "FUND-TECH-INNOVATION");

    private Principals() {
    }

    /** An enterprise, university or institute acting for itself (claim {@code uscc}); the user is {@code applicant-<uscc>}. */
    public static Principal applicant(String uscc) {
        return new Principal("applicant-" + uscc, List.of(APPLICANT), null, uscc, null);
    }

    /** A district officer (claim {@code district}). */
    public static Principal officer(String user, String district) {
        return new Principal(user, List.of(OFFICER), district, null, null);
    }

    /** A finance bureau officer (payment approvals: never the same person twice). */
    public static Principal finance(String user) {
        return new Principal(user, List.of(FINANCE), null, null, null);
    }

    /** A platform administrator (measures, budget adjustments, seed, calls). */
    public static Principal admin(String user) {
        return new Principal(user, List.of(ADMIN), null, null, null);
    }

    /** The contract registry. */
    public static Principal registrar(String user) {
        return new Principal(user, List.of(REGISTRAR), null, null, null);
    }

    /** A fund's manager acting for these funds only (claim {@code funds}). */
    public static Principal fundManager(String user, List<String> funds) {
        return new Principal(user, List.of(FUND_MANAGER), null, null, funds);
    }

    /** An auditor: reads everything, changes nothing. */
    public static Principal auditor(String user) {
        return new Principal(user, List.of(AUDITOR), null, null, null);
    }

    /** A user holding several roles at once (e.g. the operations client's finance, admin and auditor). */
    public static Principal withRoles(String user, String... roles) {
        return new Principal(user, List.of(roles), null, null, null);
    }
}
