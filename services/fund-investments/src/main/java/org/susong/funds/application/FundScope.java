package org.susong.funds.application;

import java.util.Optional;
import java.util.Set;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/**
 * Which funds a principal acts on (issues 13 and 23): a fund manager only the funds of its
 * {@code funds} claim ({@link Principal#manages}); admin, finance and auditor every fund (what each
 * may do is the operation's {@code @RolesAllowed}). Another fund answers 404, never its data or existence.
 */
public final class FundScope {

    /** Roles that see every fund. */
    public static final String[] CITY_WIDE = {Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR};

    private FundScope() {
    }

    public static boolean covers(Principal principal, String fundId) {
        return principal.hasAnyRole(CITY_WIDE) || principal.manages(fundId);
    }

    /** @throws ProblemException 404 when the fund is not the principal's to see */
    public static void require(Principal principal, String fundId) {
        if (!covers(principal, fundId)) {
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
