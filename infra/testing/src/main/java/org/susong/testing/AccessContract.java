package org.susong.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The access rules of a service, checked against its own OpenAPI document: every documented
 * operation must have a {@link Rule} (a new endpoint without one fails the test), and each rule's
 * {@link Case}s (no token, a wrong role, another district or USCC, its own) are sent to the running
 * service with real bearer tokens ({@link TestTokens}) and must get the listed status. 401, 403 and
 * 404 must be problem+json. Every operation needs, among all its rules, a no-token case answered
 * 401, a case with a token answered 403 (a role that may not call it) and a case answered 2xx (its
 * own), unless one of them says why not ({@link Rule#exempt401}, {@link Rule#exempt403},
 * {@link Rule#exempt2xx}): a rule of refusals only proves nothing about who may call it, and one
 * without a refused role nothing about who may not.
 * <p>
 * The cases go through the JDK's HTTP client (a POST without a body goes without a content type, as a client
 * sends it; REST-assured would add one); in a test class under {@link ContractValidation} each exchange is also
 * checked against the service's OpenAPI document ({@link ContractValidation#checked}).
 */
public final class AccessContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private AccessContract() {
    }

    /** One documented operation: method and path template, as in the OpenAPI document. */
    public record Operation(String method, String path) implements Comparable<Operation> {
        public static Operation of(String text) {
            String[] parts = text.trim().split("\\s+", 2);
            return new Operation(parts[0].toUpperCase(Locale.ROOT), parts[1]);
        }

        @Override
        public int compareTo(Operation o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * Who calls (a bearer token, or none) and the status the canvas lists for them; an answer whose status
     * alone does not tell the outcome (an import's 200 report with a row FAILED) also names fragments its
     * body must contain ({@link #containing}).
     */
    public record Case(String who, String token, int expected, List<String> bodyContains) {
        public Case(String who, String token, int expected) {
            this(who, token, expected, List.of());
        }

        /** This case, whose answer's body must also contain every fragment. */
        public Case containing(String... fragments) {
            List<String> all = new ArrayList<>(bodyContains);
            all.addAll(List.of(fragments));
            return new Case(who, token, expected, List.copyOf(all));
        }
    }

    /**
     * The rule of one operation: the concrete path to call (path parameters filled in with a
     * resource of the "own" district/USCC), the body to send (null for none), its cases, the headers
     * every call carries (an {@code Idempotency-Key}), and why it has no 401, 403 or 2xx case, if it has none.
     */
    public record Rule(Operation operation, String path, String body, String contentType, List<Case> cases,
                       Map<String, String> headers, String no401Because, String no403Because, String no2xxBecause) {
        public Rule(Operation operation, String path, String body, String contentType, List<Case> cases) {
            this(operation, path, body, contentType, cases, Map.of(), null, null, null);
        }

        public static Rule of(String operation, String path, String body, Case... cases) {
            return new Rule(Operation.of(operation), path, body, "application/json", List.of(cases));
        }

        public static Rule of(String operation, Case... cases) {
            Operation op = Operation.of(operation);
            return new Rule(op, op.path(), null, "application/json", List.of(cases));
        }

        /** This rule, whose calls all carry the header. */
        public Rule withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Rule(operation, path, body, contentType, cases, Map.copyOf(all), no401Because, no403Because,
                    no2xxBecause);
        }

        /** The operation answers a caller without a token otherwise than 401, for this reason. */
        public Rule exempt401(String why) {
            return new Rule(operation, path, body, contentType, cases, headers, reason(why), no403Because, no2xxBecause);
        }

        /** No role is refused the operation, for this reason. */
        public Rule exempt403(String why) {
            return new Rule(operation, path, body, contentType, cases, headers, no401Because, reason(why), no2xxBecause);
        }

        /** No case of the operation can be answered 2xx, for this reason. */
        public Rule exempt2xx(String why) {
            return new Rule(operation, path, body, contentType, cases, headers, no401Because, no403Because, reason(why));
        }

        private static String reason(String why) {
            if (why == null || why.isBlank()) {
                throw new IllegalArgumentException("an exemption from the access contract says why");
            }
            return why;
        }
    }

    /** Every operation of the service's OpenAPI document ({@code /q/openapi}). */
    public static Set<Operation> operations(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/openapi?format=json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode paths = JSON.readTree(response.body()).path("paths");
            Set<Operation> operations = new TreeSet<>();
            for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
                String path = it.next();
                for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
                    String method = m.next();
                    if (METHODS.contains(method)) {
                        operations.add(new Operation(method.toUpperCase(Locale.ROOT), path));
                    }
                }
            }
            return operations;
        } catch (IOException e) {
            throw new IllegalStateException("could not read the OpenAPI document on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One dynamic test per rule and case, after a first one that fails on any documented operation
     * without a rule (or a rule for an operation the document does not list).
     */
    public static Stream<DynamicTest> check(int port, List<Rule> rules) {
        Set<Operation> documented = operations(port);
        Set<Operation> ruled = rules.stream().map(Rule::operation).collect(Collectors.toCollection(TreeSet::new));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("every documented operation has an access rule", () -> {
            Set<Operation> unruled = new TreeSet<>(documented);
            unruled.removeAll(ruled);
            Set<Operation> stale = new TreeSet<>(ruled);
            stale.removeAll(documented);
            Assertions.assertTrue(unruled.isEmpty() && stale.isEmpty(),
                    "operations without an access rule: " + unruled + "; rules for undocumented operations: " + stale);
        }));
        tests.add(DynamicTest.dynamicTest("every operation has a no-token 401, a wrong-role 403 and its own 2xx", () -> {
            List<String> incomplete = incomplete(rules);
            Assertions.assertTrue(incomplete.isEmpty(), "operations whose rules lack a case, without saying why: "
                    + incomplete);
        }));
        for (Rule rule : rules) {
            for (Case c : rule.cases()) {
                tests.add(DynamicTest.dynamicTest(rule.operation() + " as " + c.who() + " -> " + c.expected(),
                        () -> assertCase(port, rule, c)));
            }
        }
        return tests.stream();
    }

    /**
     * The operations whose rules, taken together, have no case without a token answered 401, no case with a
     * token answered 403, or no case answered 2xx, and no rule of theirs says why ({@link Rule#exempt401},
     * {@link Rule#exempt403}, {@link Rule#exempt2xx}).
     */
    public static List<String> incomplete(List<Rule> rules) {
        Map<Operation, List<Rule>> byOperation = new TreeMap<>();
        rules.forEach(rule -> byOperation.computeIfAbsent(rule.operation(), o -> new ArrayList<>()).add(rule));
        List<String> incomplete = new ArrayList<>();
        byOperation.forEach((operation, its) -> {
            boolean noToken = its.stream().anyMatch(r -> r.no401Because() != null) || its.stream()
                    .flatMap(r -> r.cases().stream()).anyMatch(c -> c.token() == null && c.expected() == 401);
            boolean wrongRole = its.stream().anyMatch(r -> r.no403Because() != null) || its.stream()
                    .flatMap(r -> r.cases().stream()).anyMatch(c -> c.token() != null && c.expected() == 403);
            boolean own = its.stream().anyMatch(r -> r.no2xxBecause() != null) || its.stream()
                    .flatMap(r -> r.cases().stream()).anyMatch(c -> c.expected() >= 200 && c.expected() < 300);
            if (!noToken) {
                incomplete.add(operation + ": no case without a token answered 401");
            }
            if (!wrongRole) {
                incomplete.add(operation + ": no case with a token answered 403");
            }
            if (!own) {
                incomplete.add(operation + ": no case answered 2xx");
            }
        });
        return incomplete;
    }

    private static void assertCase(int port, Rule rule, Case c) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rule.path()))
                .timeout(Duration.ofSeconds(30));
        if (c.token() != null) {
            request.header("Authorization", "Bearer " + c.token());
        }
        HttpRequest.BodyPublisher body = rule.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(rule.body());
        if (rule.body() != null) {
            request.header("Content-Type", rule.contentType());
        }
        rule.headers().forEach(request::header);
        request.method(rule.operation().method(), body);
        HttpRequest sent = request.build();
        HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
        String what = rule.operation() + " (" + rule.path() + ") as " + c.who();
        Assertions.assertEquals(c.expected(), response.statusCode(), what + " answered: " + response.body());
        if (c.expected() == 401 || c.expected() == 403 || c.expected() == 404) {
            Assertions.assertTrue(response.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json"), what + " is not problem+json: " + response.headers());
        }
        for (String fragment : c.bodyContains()) {
            Assertions.assertTrue(response.body().contains(fragment), what + " answered without " + fragment + ": "
                    + response.body());
        }
        // under ContractValidation, the exchange must also be one the service's document describes
        ContractValidation.checked(sent, rule.body(), response);
    }
}
