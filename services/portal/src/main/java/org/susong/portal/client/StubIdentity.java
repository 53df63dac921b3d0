package org.susong.portal.client;

import jakarta.ws.rs.HeaderParam;
import java.util.Map;
import org.susong.portal.domain.Person;

/**
 * The signed-in person as the development header stub sends it (docs/security.md): one {@code @BeanParam} of every
 * client method, so each call names the person once. An absent claim is an empty header, which the stub reads as none.
 */
public class StubIdentity {

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

    public static StubIdentity of(Person person) {
        Map<String, String> h = person.stubHeaders();
        StubIdentity as = new StubIdentity();
        as.user = h.get("X-User");
        as.roles = h.get("X-Roles");
        as.district = h.get("X-District");
        as.actingFor = h.get("X-Acting-For");
        as.funds = h.get("X-Funds");
        return as;
    }
}
