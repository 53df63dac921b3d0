package org.susong.portal.client;

import jakarta.ws.rs.HeaderParam;
import java.util.Map;
import org.susong.portal.domain.Person;

/**
 * Whom a service call is made as: one {@code @BeanParam} of every client method, so each call names the person once.
 * A person signed in through the identity provider travels as its access token ({@code Authorization: Bearer}) and
 * nothing else; a person of the development sign-in as the header stub (docs/security.md), which the services read in
 * their local, dev and test profiles only. A header left null is not sent; an absent claim of the stub is an empty
 * header, which the stub reads as none.
 */
public class CallerIdentity {

    @HeaderParam("Authorization")
    public String authorization;
    @HeaderParam("X-User")
    public String user;
    @HeaderParam("X-Roles")
    public String roles;
    @HeaderParam("X-District")
    public String district;
    @HeaderParam("X-Acting-For")
    public String actingFor;
    @HeaderParam("X-Funds")
    public String funds;

    public static CallerIdentity of(Person person) {
        CallerIdentity as = new CallerIdentity();
        if (person.accessToken() != null) {
            as.authorization = "Bearer " + person.accessToken().value();
            return as;
        }
        Map<String, String> h = person.stubHeaders();
        as.user = h.get("X-User");
        as.roles = h.get("X-Roles");
        as.district = h.get("X-District");
        as.actingFor = h.get("X-Acting-For");
        as.funds = h.get("X-Funds");
        return as;
    }
}
