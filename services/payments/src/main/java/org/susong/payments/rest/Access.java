package org.susong.payments.rest;

import java.util.Locale;
import org.susong.commons.ids.District;
import org.susong.commons.security.Principal;
import org.susong.payments.application.ApplicantChanges;
import org.susong.payments.domain.Scope;

/**
 * Who sees which payment orders and recoveries (issue 13, listed in the canvas under "Access rules"): finance,
 * admin and auditor city-wide; a district officer its district's; an applicant its own USCC's. Anything else is
 * answered 404 (never 403, never its data).
 */
final class Access {

    /** The roles that see every district's orders and recoveries. */
    static final String[] CITY_WIDE = {Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR};

    private Access() {
    }

    /** The principal's scope, for list queries. */
    static Scope scope(Principal p) {
        if (p.hasAnyRole(CITY_WIDE)) {
            return Scope.ALL;
        }
        District district = p.hasRole(Principal.OFFICER) ? p.district().flatMap(District::parse).orElse(null) : null;
        String uscc = p.hasRole(Principal.APPLICANT)
                ? p.actingFor().map(u -> u.trim().toUpperCase(Locale.ROOT)).filter(u -> !u.isEmpty()).orElse(null) : null;
        return new Scope(false, district, uscc);
    }

    /**
     * The principal's scope for list queries, with the applicants that moved to an officer's district (issue 20 item 6:
     * their orders and recoveries kept where they were decided are read by the officers of where they are now).
     */
    static Scope scope(Principal p, ApplicantChanges applicants) {
        Scope scope = scope(p);
        return scope.district() == null ? scope : scope.alsoReading(applicants.movedTo(scope.district()));
    }

    /** Whether the principal sees a resource of that district and beneficiary (city-wide roles see all). */
    static boolean sees(Principal p, String district, String uscc) {
        return p.sees(district, uscc, CITY_WIDE);
    }

    /**
     * {@link #sees}, and an officer of the district the beneficiary moved to last (issue 20 item 6) sees it as well:
     * an order or a recovery keeps the district it was decided in, the applicant's current officers read it too.
     */
    static boolean sees(Principal p, String district, String uscc, ApplicantChanges applicants) {
        return sees(p, district, uscc) || (p.hasRole(Principal.OFFICER)
                && applicants.current(uscc).filter(now -> p.inDistrict(now.name())).isPresent());
    }
}
