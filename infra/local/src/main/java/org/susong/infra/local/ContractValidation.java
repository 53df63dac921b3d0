package org.susong.infra.local;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
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

    /** Every operation a validated test class exercised, "METHOD /path status" (for reports). */
    public static final Set<String> EXERCISED = new ConcurrentSkipListSet<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(STORE,
                context.getRequiredTestClass()));
        if (store.get("filter") != null) {
            return;
        }
        String document = RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        Checker checker = new Checker(validator(document));
        RestAssured.filters(checker);
        store.put("filter", checker);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(STORE,
                context.getRequiredTestClass()));
        Checker checker = store.remove("filter", Checker.class);
        if (checker != null) {
            List<Filter> rest = new ArrayList<>(RestAssured.filters());
            rest.remove(checker);
            RestAssured.replaceFiltersWith(rest);
        }
    }

    /** The validator for one document; the request-side checks the service does not make are left out. */
    public static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        // tests add headers the document does not list (X-Request-Id, ...); that is no drift
                        .withLevel("validation.request.parameter.header.unexpected", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** The REST-assured filter: sends the request, then checks both sides of the exchange. */
    public static final class Checker implements Filter {

        private final OpenApiInteractionValidator validator;

        Checker(OpenApiInteractionValidator validator) {
            this.validator = validator;
        }

        @Override
        public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
                               FilterContext ctx) {
            Response response = ctx.next(requestSpec, responseSpec);
            Request request = RestAssuredRequest.of(requestSpec);
            if (request.getPath().startsWith("/q/")) {
                return response;
            }
            int status = response.statusCode();
            List<String> problems = new ArrayList<>();
            ValidationReport answer = validator.validateResponse(request.getPath(), request.getMethod(),
                    RestAssuredResponse.of(response));
            problems.addAll(errors(answer));
            if (status < 400) {
                problems.addAll(errors(validator.validateRequest(request)).stream().map(e -> "request accepted with "
                        + status + " although the document calls it invalid: " + e).toList());
            }
            EXERCISED.add(request.getMethod() + " " + request.getPath() + " " + status);
            if (!problems.isEmpty()) {
                throw new AssertionError("OpenAPI contract: " + request.getMethod() + " " + request.getPath()
                        + " answered " + status + " (" + response.contentType() + "), which the service's document "
                        + "does not describe:\n  " + String.join("\n  ", new TreeSet<>(problems))
                        + "\n  body: " + abbreviated(response.asString()));
            }
            return response;
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
