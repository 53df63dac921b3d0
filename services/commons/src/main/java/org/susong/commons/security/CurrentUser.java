package org.susong.commons.security;

/**
 * Port: who is making the current request. Development builds use {@link HeaderCurrentUser};
 * a real OIDC/JWT adapter replaces it without touching any endpoint.
 */
public interface CurrentUser {

    /** The acting principal; a request without one is answered 401. */
    Principal require();

    /** The acting principal, who must hold one of the roles; otherwise 403. */
    Principal requireAnyRole(String... roles);
}
