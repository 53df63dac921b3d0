package org.susong.commons.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Trusts what the header stub read: development and tests only (see {@link HeaderStubMechanism}). */
@ApplicationScoped
public class HeaderStubIdentityProvider implements IdentityProvider<HeaderStubRequest> {

    @Override
    public Class<HeaderStubRequest> getRequestType() {
        return HeaderStubRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(HeaderStubRequest request, AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.user))
                .addRoles(request.roles)
                .addAttribute(IdentityAttributes.USER, request.user)
                .addAttribute(IdentityAttributes.FUNDS, request.funds);
        if (request.district != null) {
            identity.addAttribute(IdentityAttributes.DISTRICT, request.district);
        }
        if (request.uscc != null) {
            identity.addAttribute(IdentityAttributes.USCC, request.uscc);
        }
        return Uni.createFrom().item(identity.build());
    }
}
