package org.susong.commons.security;

import java.util.Optional;
import java.util.Set;
import org.susong.commons.ids.District;

/**
 * Who is acting: the user, their roles, the district they serve (district officers), the USCC of
 * the enterprise they act for (applicants) and the funds they manage (fund managers). Decided by
 * the {@link CurrentUser} port from a verified identity, never by a request parameter.
 */
public record Principal(String user, Set<String> roles, Optional<String> district, Optional<String> actingFor,
                        Set<String> funds) {

    public static final String APPLICANT = "applicant";
    public static final String OFFICER = "officer";
    public static final String FINANCE = "finance";
    public static final String ADMIN = "admin";
    public static final String AUDITOR = "auditor";
    public static final String REGISTRAR = "registrar";
    public static final String FUND_MANAGER = "fund-manager";
    public static final String SYSTEM_USER = "system";

    public Principal {
        roles = Set.copyOf(roles);
        funds = Set.copyOf(funds);
    }

    public Principal(String user, Set<String> roles, Optional<String> district, Optional<String> actingFor) {
        this(user, roles, district, actingFor, Set.of());
    }

    /** The platform itself, acting on an event (automatic awards, scheduled steps). */
    public static Principal system() {
        return new Principal(SYSTEM_USER, Set.of("system"), Optional.empty(), Optional.empty());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... candidates) {
        for (String role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this principal may see a resource of that district and USCC: a role of
     * {@code cityWide} sees every district; an officer only its own district; an applicant only its
     * own USCC. Anyone else sees nothing. Callers answer 404 when this is false, never 403, so a
     * resource of another district or USCC does not reveal that it exists.
     */
    public boolean sees(String resourceDistrict, String resourceUscc, String... cityWide) {
        if (hasAnyRole(cityWide)) {
            return true;
        }
        if (hasRole(OFFICER) && inDistrict(resourceDistrict)) {
            return true;
        }
        return hasRole(APPLICANT) && actsFor(resourceUscc);
    }

    /** An officer's own district (names compared as districts: "Huli", "HULI" and "湖里区" are one). */
    public boolean inDistrict(String resourceDistrict) {
        Optional<District> mine = district.flatMap(District::parse);
        return mine.isPresent() && mine.equals(District.parse(resourceDistrict));
    }

    /** An applicant acting for exactly this USCC (compared without case or surrounding spaces). */
    public boolean actsFor(String uscc) {
        return uscc != null && actingFor.map(a -> a.trim().equalsIgnoreCase(uscc.trim())).orElse(false);
    }

    /** A fund manager of this fund. */
    public boolean manages(String fundId) {
        return hasRole(FUND_MANAGER) && fundId != null && funds.contains(fundId);
    }

    /** Role names joined for the {@code actor} event extension: "user;roles;district;actingFor". */
    public String asActor() {
        return user + ";" + String.join(",", roles.stream().sorted().toList()) + ";"
                + district.orElse("") + ";" + actingFor.orElse("");
    }
}
