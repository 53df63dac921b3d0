package org.susong.commons.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import java.util.Set;

/** What the header stub read from a request; turned into an identity by {@link HeaderStubIdentityProvider}. */
public final class HeaderStubRequest extends BaseAuthenticationRequest {

    final String user;
    final Set<String> roles;
    final String district;
    final String uscc;
    final Set<String> funds;

    HeaderStubRequest(String user, Set<String> roles, String district, String uscc, Set<String> funds) {
        this.user = user;
        this.roles = roles;
        this.district = district;
        this.uscc = uscc;
        this.funds = funds;
    }
}
