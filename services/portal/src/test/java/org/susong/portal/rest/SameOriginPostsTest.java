package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;

/**
 * A form posted from another site with the person's cookie (cross-site request forgery: an officer's approval of a
 * bank-account change posted by a page of a sibling subdomain) is refused before anything is sent; the portal's own
 * pages post as before.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class SameOriginPostsTest {

    private static final String APPROVE = "/officer/changes/bank-account/91350200MA31G8Q17K/BAC-7H2K9M4P/approval";

    @Test
    void a_post_from_another_site_or_a_sibling_subdomain_is_refused_with_nothing_sent() {
        var officer = SignedIn.officer("csrf-officer", District.HULI);
        SignedIn.as(officer).header("Origin", "https://evil.example").when().post(APPROVE).then().statusCode(403)
                .body(containsString("nothing was sent"));
        SignedIn.as(officer).header("Sec-Fetch-Site", "same-site").header("Origin", "http://siming.localhost")
                .when().post(APPROVE).then().statusCode(403);
        SignedIn.as(officer).header("Sec-Fetch-Site", "cross-site").when().post(APPROVE).then().statusCode(403);
        SignedIn.as(officer).header("Origin", "null").when().post(APPROVE).then().statusCode(403);
        assertEquals(List.of(), asked("csrf-officer"));
    }

    @Test
    void the_portals_own_pages_post_as_before() {
        var officer = SignedIn.officer("csrf-own", District.HULI);
        SignedIn.as(officer).header("Origin", "http://localhost:1").header("Sec-Fetch-Site", "same-origin").when()
                .post(APPROVE).then().statusCode(303);
        SignedIn.as(officer).when().post(APPROVE).then().statusCode(303); // no browser headers: not a browser's post
        assertEquals(2, asked("csrf-own").size());
        // reading is never refused
        SignedIn.as(officer).header("Sec-Fetch-Site", "cross-site").when().get("/officer/changes").then().statusCode(200);
    }

    @Test
    void the_host_is_compared_whole_and_without_case() {
        assertTrue(SameOriginPosts.sameHost("https://Portal.Example:443", "portal.example"));
        assertFalse(SameOriginPosts.sameHost("https://portal.example.evil.net", "portal.example"));
        assertFalse(SameOriginPosts.sameHost("https://evilportal.example", "portal.example"));
        assertFalse(SameOriginPosts.sameHost("null", "portal.example"));
    }

    private static List<String> asked(String user) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.contains("X-User=" + user + " "))
                .filter(l -> l.startsWith("POST")).toList();
    }
}
