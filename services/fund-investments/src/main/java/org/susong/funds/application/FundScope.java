package org.susong.funds.application;

import java.util.Optional;
import java.util.Set;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/**
 * Which funds a principal acts on (issues 13 and 23). Reading: a fund manager only the funds of its
 * {@code funds} claim ({@link Principal#manages}); admin, finance and auditor every fund. Writing
 * ({@link #requireWrite}): admin every fund, anyone else only a managed fund; finance and auditor
 * widen reading only, so a fund manager who also holds one of them still writes on its own funds
 * alone. Capital movements ({@link #requireCapitalWrite}) are also finance's work on every fund.
 * What each role may call at all is the operation's {@code @RolesAllowed}. Another fund answers 404,
 * never its data or existence.
 */
public final class FundScope {

    /** Roles that see every fund. */
    public static final String[] CITY_WIDE = {Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR};

    private FundScope() {
    }

    public static boolean covers(Principal principal, String fundId) {
        return principal.hasAnyRole(CITY_WIDE) || principal.manages(fundId);
    }

    /** For reading. @throws ProblemException 404 when the fund is not the principal's to see */
    public static void require(Principal principal, String fundId) {
        require(principal, fundId, covers(principal, fundId));
    }

    /**
     * For investing, approving and exiting: admin, or a manager of the fund (never finance or auditor).
     *
     * @throws ProblemException 404 when the fund is not the principal's to write
     */
    public static void requireWrite(Principal principal, String fundId) {
        require(principal, fundId, principal.hasRole(Principal.ADMIN) || principal.manages(fundId));
    }

    /**
     * For commitments, capital calls and payments: admin, finance, or a manager of the fund (never an auditor).
     *
     * @throws ProblemException 404 when the fund is not the principal's to write
     */
    public static void requireCapitalWrite(Principal principal, String fundId) {
        require(principal, fundId, principal.hasAnyRole(Principal.ADMIN, Principal.FINANCE) || principal.manages(fundId));
    }

    private static void require(Principal principal, String fundId, boolean allowed) {
        if (!allowed) {
            throw ProblemException.notFound("fund", fundId);
        }
    }

    /** The funds a list may show: empty for a city-wide role (all of them), else the managed ones (none for others). */
    public static Optional<Set<String>> restriction(Principal principal) {
        if (principal.hasAnyRole(CITY_WIDE)) {
            return Optional.empty();
        }
        return Optional.of(principal.hasRole(Principal.FUND_MANAGER) ? principal.funds() : Set.of());
    }
}
