package org.susong.commons.security;

/**
 * The {@link io.quarkus.security.identity.SecurityIdentity} attributes every authentication
 * mechanism fills in ({@link HeaderStubMechanism} from headers, {@link ClaimsAugmentor} from token
 * claims), so {@link IdentityCurrentUser} reads one shape whatever proved the identity.
 */
final class IdentityAttributes {

    static final String USER = "susong.user";
    static final String DISTRICT = "susong.district";
    static final String USCC = "susong.uscc";
    static final String FUNDS = "susong.funds";

    private IdentityAttributes() {
    }
}
