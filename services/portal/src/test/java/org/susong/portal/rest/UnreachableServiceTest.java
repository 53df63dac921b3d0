package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;

/** A service that does not answer: the page says it cannot be reached (502), no stack trace, no waiting forever. */
@QuarkusTest
@TestProfile(UnreachableServiceTest.NoApplicationsService.class)
class UnreachableServiceTest {

    /** The applications service's URL on a port nothing listens on (bound, then freed). */
    public static class NoApplicationsService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("quarkus.rest-client.applications.url", "http://127.0.0.1:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void the_officers_page_says_the_service_cannot_be_reached() {
        SignedIn.as(SignedIn.officer("officer-1", District.HULI)).when().get("/officer/applications").then()
                .statusCode(502).body(containsString("无法连接 applications 服务，请稍后再试。"))
                .body(containsString("当前身份：officer-1"), not(containsString("Exception")));
        SignedIn.as(SignedIn.officer("officer-1", District.HULI)).queryParam("lang", "en").when()
                .get("/officer/applications").then().statusCode(502)
                .body(containsString("The applications service cannot be reached; please try again later."));
    }
}
