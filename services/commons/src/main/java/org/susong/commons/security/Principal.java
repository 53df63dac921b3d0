package org.susong.commons.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is acting: the user, their roles, the district they serve (district officers) and the USCC
 * of the enterprise they act for (applicants). Decided by the {@link CurrentUser} port, never by a
 * request parameter.
 */
public record Principal(String user, Set<String> roles, Optional<String> district, Optional<String> actingFor) {

    public static final String APPLICANT = "applicant";
    public static final String OFFICER = "officer";
    public static final String FINANCE = "finance";
    public static final String ADMIN = "admin";
    public static final String SYSTEM_USER = "system";

    public Principal {
        roles = Set.copyOf(roles);
    }

    /** The platform itself, acting on an event (automatic awards, scheduled steps). */
    public static Principal system() {
        return new Principal(SYSTEM_USER, Set.of("system"), Optional.empty(), Optional.empty());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Role names joined for the {@code actor} event extension: "user;roles;district;actingFor". */
    public String asActor() {
        return user + ";" + String.join(",", roles.stream().sorted().toList()) + ";"
                + district.orElse("") + ";" + actingFor.orElse("");
    }
}
