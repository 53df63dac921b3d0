package org.susong.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks every request a service test makes, and every answer it gets, against the service's own
 * OpenAPI document (issue 24 item 2), with Atlassian's swagger-request-validator, so the document
 * cannot drift from the behaviour. Use it on a {@code @QuarkusTest} class with
 * {@code @ExtendWith(ContractValidation.class)}: before the class's first test it reads
 * {@code /q/openapi?format=json} from the running service and adds a REST-assured filter; after the
 * class it removes it again.
 * <p>
 * What fails a test:
 * <ul>
 *   <li>an answer the document does not describe: an undocumented status code, a body that does not
 *       match the schema of its status and media type (success and problem+json answers alike), a
 *       media type the operation does not list, an undocumented path or method;</li>
 *   <li>a request the document calls invalid (missing required parameter or body field, wrong
 *       type, missing credentials) that the service nevertheless <em>accepted</em> (a 2xx): the
 *       document is stricter than the service. A request the document calls invalid and the
 *       service refused (4xx) is the two agreeing: tests that send bad input on purpose stay
 *       green.</li>
 * </ul>
 * Only {@code /q/...} (health, metrics, the document itself) is left unchecked.
 */
public class ContractValidation implements BeforeEachCallback, AfterAllCallback {

    private static final String STORE = ContractValidation.class.getName();

    /**
     * The validator of each document served in this JVM, by the document's text: the test classes of one service (and
     * its test profiles, which serve the same document) parse it once, not once per class.
     */
    private static final java.util.Map<String, OpenApiInteractionValidator> VALIDATORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Every operation a validated test class exercised, "METHOD /path status" (for reports). */
    public static final Set<String> EXERCISED = new ConcurrentSkipListSet<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(STORE,
                context.getRequiredTestClass()));
        if (store.get("filter") != null) {
            return;
        }
        long start = System.nanoTime();
        String document = RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        try {
            // the document as served, for reading when a check fails (target/openapi is the service module's)
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "openapi"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi", "served.json"), document);
        } catch (java.io.IOException e) {
            // only a convenience
        }
        Checker checker = new Checker(VALIDATORS.computeIfAbsent(document, ContractValidation::validator));
        checker.setupNanos = System.nanoTime() - start;
        RestAssured.filters(checker);
        store.put("filter", checker);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(STORE,
                context.getRequiredTestClass()));
        Checker checker = store.remove("filter", Checker.class);
        if (checker != null) {
            // what the validation costs this class (the CI time it adds): reading and parsing the document, then
            // checking each exchange; the exchanges themselves are the test's own time
            System.out.printf("[ContractValidation] %s: %d exchanges checked in %d ms, document read and parsed in %d ms%n",
                    context.getRequiredTestClass().getSimpleName(), checker.exchanges, checker.checkNanos / 1_000_000,
                    checker.setupNanos / 1_000_000);
            List<Filter> rest = new ArrayList<>(RestAssured.filters());
            rest.remove(checker);
            RestAssured.replaceFiltersWith(rest);
        }
    }

    /**
     * Checks one exchange a test made with the JDK's {@link java.net.http.HttpClient} instead of REST-assured (requests
     * sent at once, the access contract's cases, a POST without a body: REST-assured sends every POST with a content
     * type) exactly as the filter checks REST-assured's, when the running test class is under this extension (its
     * filter is registered); otherwise it does nothing. {@code body} is the request body that was sent, null for none
     * (a sent {@code HttpRequest} does not give it back). Returns the response, for chaining.
     */
    public static java.net.http.HttpResponse<String> checked(java.net.http.HttpRequest request, String body,
                                                            java.net.http.HttpResponse<String> response) {
        Checker checker = RestAssured.filters().stream().filter(Checker.class::isInstance).map(Checker.class::cast)
                .findFirst().orElse(null);
        if (checker == null || request.uri().getPath().startsWith("/q/")) {
            return response;
        }
        com.atlassian.oai.validator.model.SimpleRequest.Builder sent =
                new com.atlassian.oai.validator.model.SimpleRequest.Builder(request.method(), request.uri().getPath());
        request.headers().map().forEach(sent::withHeader);
        if (body != null) {
            sent.withBody(body);
        }
        String query = request.uri().getRawQuery();
        if (query != null && !query.isEmpty()) {
            java.util.Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            parameters.forEach(sent::withQueryParam);
        }
        com.atlassian.oai.validator.model.SimpleResponse.Builder answer =
                new com.atlassian.oai.validator.model.SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach(answer::withHeader);
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        checker.timed(sent.build(), answer.build());
        return response;
    }

    /** The validator for one document; the request-side checks the service does not make are left out. */
    public static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(readable(document))
                .withLevelResolver(LevelResolver.create()
                        // tests add headers the document does not list (X-Request-Id, ...); that is no drift
                        .withLevel("validation.request.parameter.header.unexpected", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The document as the validator must read it to mean what it says. The service serves an object member that may
     * be null in OpenAPI 3.0's own form, {@code nullable: true} beside {@code allOf: [$ref]} (commons ApiContract writes
     * it as {@code anyOf: [$ref, {type: object, nullable: true, enum: [null]}]}; SmallRye's 3.0 writer serves it back in
     * the first form), and swagger-request-validator ignores {@code nullable} beside a combinator: such a member
     * becomes the {@code anyOf} form here, which it reads as "that object or null". Nothing else changes.
     */
    static String readable(String document) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(document);
            nullableRefs(root);
            return JSON.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the service's OpenAPI document is not JSON", e);
        }
    }

    private static void nullableRefs(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (object.path("nullable").asBoolean(false) && !object.has("type") && object.path("allOf").size() == 1) {
                com.fasterxml.jackson.databind.node.ArrayNode either = object.putArray("anyOf");
                either.add(object.get("allOf").get(0));
                com.fasterxml.jackson.databind.node.ObjectNode onlyNull = either.addObject();
                onlyNull.put("type", "object").put("nullable", true).putArray("enum").addNull();
                object.remove("allOf");
                object.remove("nullable");
            }
            object.elements().forEachRemaining(ContractValidation::nullableRefs);
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            array.elements().forEachRemaining(ContractValidation::nullableRefs);
        }
    }

    /** The REST-assured filter: sends the request, then checks both sides of the exchange. */
    public static final class Checker implements Filter {

        private final OpenApiInteractionValidator validator;
        private long setupNanos;
        private long checkNanos;
        private int exchanges;

        Checker(OpenApiInteractionValidator validator) {
            this.validator = validator;
        }

        @Override
        public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
                               FilterContext ctx) {
            if (requestSpec.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme bearer) {
                // REST-assured adds the header of auth().oauth2(token) after the filters, where the validator cannot
                // see it: sent as the header it is, so the request is checked as the service receives it
                requestSpec.auth().none();
                requestSpec.header("Authorization", "Bearer " + bearer.getAccessToken());
            }
            Response response = ctx.next(requestSpec, responseSpec);
            Request request = RestAssuredRequest.of(requestSpec);
            if (request.getPath().startsWith("/q/")) {
                return response;
            }
            timed(request, RestAssuredResponse.of(response));
            return response;
        }

        private void check(Request request, com.atlassian.oai.validator.model.Response response) {
            int status = response.getStatus();
            List<String> problems = new ArrayList<>();
            ValidationReport answer = validator.validateResponse(request.getPath(), request.getMethod(), response);
            problems.addAll(errors(answer));
            if (status < 400) {
                problems.addAll(errors(validator.validateRequest(request)).stream().map(e -> "request accepted with "
                        + status + " although the document calls it invalid: " + e).toList());
            }
            EXERCISED.add(request.getMethod() + " " + request.getPath() + " " + status);
            if (!problems.isEmpty()) {
                throw new AssertionError("OpenAPI contract: " + request.getMethod() + " " + request.getPath()
                        + " answered " + status + " (" + response.getContentType().orElse("") + "), which "
                        + "the service's document does not describe:\n  " + String.join("\n  ", new TreeSet<>(problems))
                        + "\n  body: " + abbreviated(response.getResponseBody().map(body -> {
                            try {
                                return body.toString(java.nio.charset.StandardCharsets.UTF_8);
                            } catch (java.io.IOException e) {
                                return "(unreadable)";
                            }
                        }).orElse("")));
            }
        }

        /** Checks one exchange and counts its cost; exchanges sent at once are checked one after the other. */
        private synchronized void timed(Request request, com.atlassian.oai.validator.model.Response response) {
            long start = System.nanoTime();
            try {
                check(request, response);
            } finally {
                checkNanos += System.nanoTime() - start;
                exchanges++;
            }
        }

        private static List<String> errors(ValidationReport report) {
            return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(m -> m.getKey() + ": " + m.getMessage()
                            + (m.getAdditionalInfo().isEmpty() ? "" : " " + String.join("; ", m.getAdditionalInfo())))
                    .collect(Collectors.toList());
        }

        private static String abbreviated(String body) {
            return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "..." : body;
        }
    }
}
