package org.susong.portal.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The applications, eligibility, payments and tech-contracts services as the portal sees them: an HTTP server
 * answering JSON fixtures ({@code src/test/resources/fake/}) in the exact shape of the real APIs, so the pages are
 * tested without a broker and a store. Each fixture mirrors one record of the real service (its field names copied):
 * <ul>
 *   <li>{@code officer-page-*.json}, {@code applicant-page.json}: applications' {@code Page<ApplicationResource.Row>}
 *       (commons {@code Page});</li>
 *   <li>{@code application-<id>.json}: applications' {@code ApplicationResource.ApplicationView} with its
 *       {@code TimelineEntry} list ({@code GET /applications/{id}});</li>
 *   <li>{@code decision-<applicationId>.json}: eligibility's {@code DecisionResource.DecisionView} with its
 *       {@code CriterionView}s; {@code reviews-page.json}: {@code Page<DecisionView>} ({@code GET /reviews});
 *       {@code measure-<code>-<version>.json}: eligibility's {@code domain.Measure}
 *       ({@code GET /measures/{code}/versions/{version}}); {@code measure-<code>.json} (B1, A4, A1) and
 *       {@code measures-page.json} ({@code Page<Measure>}, {@code GET /measures/{code}} and {@code GET /measures}):
 *       the records of eligibility's {@code seed/measures.json} as they are, with {@code version} 1 (the version the
 *       seed publishes), so the apply form is generated from the catalogue's real schemas;</li>
 *   <li>{@code payments-<applicationId>.json}, {@code holds-page.json}: payments' {@code Page<PaymentResource.PaymentView>}
 *       with its {@code domain.Hold} ({@code GET /payments});</li>
 *   <li>{@code contracts-page.json}: tech-contracts' {@code Page<rest.ContractView>} ({@code GET /contracts});
 *       {@code overdue-page.json}: {@code Page<ContractResource.OverdueView>} ({@code GET /contracts/overdue});</li>
 *   <li>the applicant's record and appeal ({@code fake/applicant/}): {@link ApplicantFake};</li>
 *   <li>the finance pages' payments ({@code fake/finance/}): {@link FinanceFake};</li>
 *   <li>errors: commons' {@code Problem}, as {@code ProblemMappers} writes it (404 as {@code ProblemException.notFound}).</li>
 * </ul> It records every request
 * (method, path and query, the header stub's headers), which the tests read at {@code GET /__requests}: what the
 * portal asked, as whom, is the point of most tests. Some users make it fail: {@code refused} answers 403
 * problem+json from applications, {@code fail-500} a 500, {@code overdue-down} a 500 from
 * {@code GET /contracts/overdue} only, {@code eligibility-down} a 500 from every eligibility path, {@code review-conflict} a 409 to a review decision
 * ({@code POST /reviews/{decisionId}/decision}, whose JSON body - {@code ReviewResource.ReviewRequest} - is recorded).
 */
public class DownstreamFake implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.applications.url", url, "quarkus.rest-client.eligibility.url", url,
                "quarkus.rest-client.payments.url", url, "quarkus.rest-client.tech-contracts.url", url,
                "susong.test.fake-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        if (path.equals("/__requests")) {
            send(exchange, 200, "text/plain", String.join("\n", requests));
            return;
        }
        var h = exchange.getRequestHeaders();
        String user = h.getFirst("X-User");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                + " | X-User=" + user + " X-Roles=" + h.getFirst("X-Roles") + " X-District=" + h.getFirst("X-District")
                + " X-Acting-For=" + h.getFirst("X-Acting-For")
                + (h.getFirst("Authorization") == null ? "" : " Authorization=" + h.getFirst("Authorization"))
                + (h.getFirst("Idempotency-Key") == null ? "" : " Idempotency-Key=" + h.getFirst("Idempotency-Key"))
                + (body.isEmpty() ? "" : " body=" + body));
        if (ApplicantFake.answer(exchange, path, user)) {
            return; // applications as the applicant's record and appeal call it: ApplicantFake
        }
        if (CallsFake.answer(exchange, path, query, user)) {
            return; // eligibility's calls (C1): CallsFake
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/applications/") && path.endsWith("/withdrawal")) {
            // applications' withdrawApplication: 202 with the application waiting for payments; "withdraw-late" the 409
            String id = path.split("/")[2];
            if ("withdraw-late".equals(user)) {
                send(exchange, 409, "application/problem+json", problem(409, "Conflict",
                        "an application that is PAID cannot be withdrawn", null));
            } else {
                send(exchange, 202, "application/json", fixture("application-" + id + ".json")
                        .replace("\"withdrawalPending\": false", "\"withdrawalPending\": true"));
            }
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/payments/") && path.endsWith("/resolution")) {
            // payments' resolvePaymentHold: the order after it; "objector" the 409 the objector gets
            if ("objector".equals(user)) {
                send(exchange, 409, "application/problem+json", problem(409, "Conflict",
                        "the officer who objected cannot resolve the hold", null));
            } else {
                send(exchange, 200, "application/json", "{\"id\":\"" + path.split("/")[2] + "\",\"state\":\"IN_NOTICE\","
                        + "\"amountFen\":50000000,\"fiscalYear\":2026,\"approvalsRequired\":1}");
            }
            return;
        }
        if (FinanceFake.answer(exchange, exchange.getRequestMethod(), path, query, user)) {
            return; // payments as the finance pages call it: FinanceFake
        }
        if (RegistryFake.answer(exchange, path, query, user)) {
            return; // tech-contracts as the registrar calls it: RegistryFake
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/reviews/") && path.endsWith("/decision")) {
            // eligibility's decideReview: a maker confirming its own decision is refused as the service words it
            if ("review-conflict".equals(user)) {
                send(exchange, 409, "application/problem+json", problem(409, "Conflict",
                        "a second, different officer must confirm the amount", "officer"));
            } else {
                send(exchange, 200, "application/json", "{\"decisionId\":\"" + path.split("/")[2]
                        + "\",\"outcome\":\"APPROVED\",\"reviewState\":\"DONE\"}");
            }
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/applications")) {
            submitApplication(exchange, user, h.getFirst("Idempotency-Key"));
            return;
        }
        if (path.equals("/applications")) {
            if ("refused".equals(user)) {
                send(exchange, 403, "application/problem+json", problem(403, "Forbidden",
                        "a Huli officer sees only Huli applications", "district"));
            } else if ("fail-500".equals(user)) {
                send(exchange, 500, "application/problem+json", problem(500, "Internal error", "boom", null));
            } else if ("applicant".equals(h.getFirst("X-Roles"))) {
                send(exchange, 200, "application/json", fixture("applicant-page.json"));
            } else if (query != null && query.contains("cursor=p2")) {
                send(exchange, 200, "application/json", fixture("officer-page-2.json"));
            } else {
                send(exchange, 200, "application/json", fixture("officer-page-1.json"));
            }
            return;
        }
        if (path.startsWith("/applications/")) {
            String id = path.substring("/applications/".length());
            if ("refused".equals(user)) {
                send(exchange, 403, "application/problem+json", problem(403, "Forbidden",
                        "a Huli officer sees only Huli applications", "district"));
            } else {
                json(exchange, fixture("application-" + id + ".json"), "application", id);
            }
            return;
        }
        if ("eligibility-down".equals(user) && (path.startsWith("/decisions/") || path.startsWith("/reviews")
                || path.startsWith("/measures/"))) {
            send(exchange, 500, "application/problem+json", problem(500, "Internal error", "boom", null));
            return;
        }
        if (path.startsWith("/decisions/")) {
            String id = path.substring("/decisions/".length());
            json(exchange, fixture("decision-" + id + ".json"), "decision for application", id);
            return;
        }
        if (path.equals("/measures")) {
            send(exchange, 200, "application/json", fixture("measures-page.json"));
            return;
        }
        if (path.startsWith("/measures/")) {
            String[] parts = path.split("/"); // "", measures, code[, versions, n]
            if (parts.length == 3) {
                json(exchange, fixture("measure-" + parts[2] + ".json"), "measure", parts[2]);
                return;
            }
            json(exchange, parts.length == 5 ? fixture("measure-" + parts[2] + "-" + parts[4] + ".json") : null,
                    "measure version", path);
            return;
        }
        if (path.equals("/reviews")) {
            send(exchange, 200, "application/json", fixture("reviews-page.json"));
            return;
        }
        if (path.equals("/payments")) {
            String applicationId = param(query, "applicationId");
            String page = "ON_HOLD".equals(param(query, "state")) ? fixture("holds-page.json")
                    : applicationId == null ? null : fixture("payments-" + applicationId + ".json");
            send(exchange, 200, "application/json", page != null ? page : EMPTY_PAGE);
            return;
        }
        if (path.equals("/contracts")) {
            send(exchange, 200, "application/json", fixture("contracts-page.json"));
            return;
        }
        if (path.equals("/contracts/overdue")) {
            if ("overdue-down".equals(user)) {
                send(exchange, 500, "application/problem+json", problem(500, "Internal error", "boom", null));
            } else {
                send(exchange, 200, "application/json", fixture("overdue-page.json"));
            }
            return;
        }
        send(exchange, 404, "application/problem+json", problem(404, "Not found", "no such path", null));
    }

    /** The ids answered per Idempotency-Key: the same key is the same application, as the service replays it. */
    private final Map<String, String> submitted = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * applications' {@code POST /applications}: 201 with {@code ApplicationResource.SubmittedView} ({@code id},
     * {@code status}) and its Location; a key seen before answers the same id. {@code facts-refused} gets the 422 of
     * {@code FactsValidator} (commons {@code FactsSchemas}: the first violation, {@code field} {@code facts.<name>});
     * {@code period-refused} a 422 naming {@code period}, which is no field of the form.
     */
    private void submitApplication(HttpExchange exchange, String user, String key) throws IOException {
        if ("facts-refused".equals(user)) {
            send(exchange, 422, "application/problem+json", problem(422, "Unprocessable",
                    "measure B1: $.certificateNumber: does not match the regex pattern", "facts.certificateNumber"));
            return;
        }
        if ("period-refused".equals(user)) {
            send(exchange, 422, "application/problem+json", problem(422, "Unprocessable",
                    "period 2023 is outside measure B1's validity window", "period"));
            return;
        }
        String id = key == null ? "APP-NOKEY" + submitted.size()
                : submitted.computeIfAbsent(key, k -> String.format("APP-NEW%05d", submitted.size() + 1));
        exchange.getResponseHeaders().set("Location", "/applications/" + id);
        send(exchange, 201, "application/json", "{\"id\":\"" + id + "\",\"status\":\"SUBMITTED\"}");
    }

    /** An empty commons {@code Page}. */
    private static final String EMPTY_PAGE = "{\"items\":[],\"nextCursor\":null,\"limit\":50}";

    /** The fixture, or 404 as {@code ProblemException.notFound(what, id)} words it. */
    private static void json(HttpExchange exchange, String fixture, String what, String id) throws IOException {
        if (fixture == null) {
            send(exchange, 404, "application/problem+json", problem(404, "Not found",
                    what + " '" + id + "' does not exist", null));
        } else {
            send(exchange, 200, "application/json", fixture);
        }
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** commons {@code Problem} as {@code ProblemMappers} writes it. */
    static String problem(int status, String title, String detail, String field) {
        return "{\"type\":\"https://susong.xm.gov.cn/problems/" + status + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\",\"instance\":\"/applications\""
                + (field == null ? "" : ",\"field\":\"" + field + "\"") + "}";
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = DownstreamFake.class.getResourceAsStream("/fake/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
