package org.susong.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a request's principal is found. In production every request carries an OIDC bearer token
 * (quarkus-oidc verifies it); the claims named here give the user, district, applicant USCC and a
 * fund manager's funds, so any OIDC provider can be mapped by configuration. Roles come from the
 * claim quarkus-oidc is told to read ({@code quarkus.oidc.roles.role-claim-path}).
 */
@ConfigMapping(prefix = "susong.identity")
public interface IdentityConfig {

    /**
     * The development stub: the principal is taken from {@code X-User}, {@code X-Roles},
     * {@code X-District}, {@code X-Acting-For} and {@code X-Funds} headers. Only for the local, dev
     * and test profiles; a service started in {@code prod} with it on refuses to start.
     */
    @WithDefault("false")
    boolean headerStub();

    /** The claim naming the acting user: recorded as the actor of events and timelines. */
    @WithDefault("sub")
    String userClaim();

    /** The claim with a district officer's district (a district name: "Huli", "思明区", ...). */
    @WithDefault("district")
    String districtClaim();

    /** The claim with the USCC an applicant acts for (enterprises, universities and institutes alike). */
    @WithDefault("uscc")
    String usccClaim();

    /** The claim listing the funds a fund manager acts for. */
    @WithDefault("funds")
    String fundsClaim();
}
