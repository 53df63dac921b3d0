package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * Every page and form of the portal, walked from its resource classes (the portal publishes no OpenAPI document, so
 * this is its access test): an operation under {@code /officer}, {@code /applicant}, {@code /finance} or {@code
 * /registrar} answers 403 to a person of every other role, the evaluation ({@code /evaluation}) to all but officers,
 * auditors and admins and its rebuild to all but admins, and sends nobody away to sign in but the one who is not
 * signed in, and asks the services nothing for any of them. A new resource class, or an operation outside those
 * prefixes that is not one of the sign-in's, fails here until it is named.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class PageAccessTest {

    /** The roles each path prefix belongs to, the first matching prefix in this order. */
    static final List<Map.Entry<String, Set<Role>>> OWNERS = List.of(Map.entry("/officer/", Set.of(Role.OFFICER)),
            Map.entry("/applicant/", Set.of(Role.APPLICANT)), Map.entry("/finance/", Set.of(Role.FINANCE)),
            Map.entry("/registrar/", Set.of(Role.REGISTRAR)), Map.entry("/evaluation/rebuild", Set.of(Role.ADMIN)),
            Map.entry("/evaluation", Set.of(Role.OFFICER, Role.AUDITOR, Role.ADMIN)));
    /**
     * The operations open to anyone (the development sign-in, the start page, sign-out) and the identity provider's
     * sign-in ({@code GET /login}: any authenticated user; OidcSignInTest).
     */
    static final Set<String> PUBLIC = Set.of("GET /", "GET /sign-in", "POST /sign-in", "POST /sign-out", "GET /login");

    static final List<Person> PEOPLE = List.of(SignedIn.officer("access-officer", District.HULI),
            SignedIn.applicant("access-applicant", SignedIn.USCC), Person.of("access-finance", Role.FINANCE, null, null,
                    null), Person.of("access-registrar", Role.REGISTRAR, null, null, null),
            Person.of("access-auditor", Role.AUDITOR, null, null, null), Person.of("access-admin", Role.ADMIN, null, null,
                    null));

    /** {@code multipart}: its form posts a file ({@code multipart/form-data}), as the reconciliation's import. */
    record Operation(String method, String template, boolean multipart) {
        String path() {
            return template.replaceAll("\\{[^}]+}", "APP-20260615-ACCESS0001");
        }
    }

    static List<Operation> operations() throws Exception {
        List<Operation> found = new ArrayList<>();
        try (var files = Files.list(java.nio.file.Path.of("src/main/java/org/susong/portal/rest"))) {
            for (java.nio.file.Path file : files.sorted().toList()) {
                String source = Files.readString(file);
                if (!source.contains("\n@Path(")) {
                    continue;
                }
                String name = file.getFileName().toString().replace(".java", "");
                Class<?> type = Class.forName("org.susong.portal.rest." + name);
                String base = "/" + type.getAnnotation(Path.class).value().replaceAll("^/|/$", "");
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST" : null;
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String path = sub == null ? base : (base.equals("/") ? "" : base) + "/" + sub.value().replaceAll("^/", "");
                    jakarta.ws.rs.Consumes consumes = m.getAnnotation(jakarta.ws.rs.Consumes.class);
                    found.add(new Operation(verb, path, consumes != null
                            && java.util.Arrays.asList(consumes.value()).contains("multipart/form-data")));
                }
            }
        }
        return found;
    }

    @Test
    void every_page_and_form_answers_only_its_own_role_and_asks_the_services_nothing_for_the_others() throws Exception {
        List<Operation> operations = operations();
        assertTrue(operations.size() > 30, "operations found: " + operations);
        for (Operation op : operations) {
            String key = op.method() + " " + op.template();
            Set<Role> owners = OWNERS.stream().filter(e -> op.template().startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (owners == null) {
                assertTrue(PUBLIC.contains(key), key + " belongs to no role's prefix and is not one of the public pages");
                continue;
            }
            String before = SignedIn.downstreamRequests();
            for (Person person : PEOPLE) {
                if (owners.contains(person.role())) {
                    continue;
                }
                Response answer = send(SignedIn.as(person), op);
                assertEquals(403, answer.statusCode(), key + " as " + person.role() + ": " + answer.asString());
            }
            Response nobody = send(RestAssured.given().redirects().follow(false), op);
            assertTrue(nobody.statusCode() == 303 || nobody.statusCode() == 401, key + " signed out: " + nobody.statusCode());
            assertEquals(before, SignedIn.downstreamRequests(), key + ": the services were asked for a refused person");
        }
    }

    static Response send(io.restassured.specification.RequestSpecification request, Operation op) {
        if ("GET".equals(op.method())) {
            return request.get(op.path());
        }
        return op.multipart() ? request.multiPart("x", "y").post(op.path())
                : request.contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("x", "y").post(op.path());
    }
}
