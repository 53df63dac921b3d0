package org.susong.payments.rest;

import java.util.Locale;
import org.susong.commons.ids.District;
import org.susong.commons.security.Principal;
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

    /** Whether the principal sees a resource of that district and beneficiary (city-wide roles see all). */
    static boolean sees(Principal p, String district, String uscc) {
        return p.sees(district, uscc, CITY_WIDE);
    }
}
