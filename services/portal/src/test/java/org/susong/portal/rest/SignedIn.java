package org.susong.portal.rest;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/** Test helpers: a request as a person of the development sign-in, and what the downstream fake was asked. */
final class SignedIn {

    static final String USCC = "91350200MA31G8Q17K";

    private SignedIn() {
    }

    static Person officer(String user, District district) {
        return Person.of(user, Role.OFFICER, district, null, null);
    }

    static Person applicant(String user, String uscc) {
        return Person.of(user, Role.APPLICANT, null, uscc, null);
    }

    static RequestSpecification as(Person person) {
        return RestAssured.given().redirects().follow(false).cookie(Pages.PERSON_COOKIE, person.encode());
    }

    /** Every request the fake received so far, one a line: {@code GET /path?query | X-User=... X-Roles=...}. */
    static String downstreamRequests() {
        String url = ConfigProvider.getConfig().getValue("susong.test.fake-url", String.class);
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/__requests")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
