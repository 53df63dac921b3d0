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
 * The applications and eligibility services as the portal sees them: an HTTP server answering JSON fixtures
 * ({@code src/test/resources/fake/}) in the exact shape of the real APIs - applications' {@code Page<Row>}
 * ({@code ApplicationResource.Row}, commons {@code Page}), eligibility's {@code DecisionResource.DecisionView} and
 * commons' {@code Problem} for errors - so the pages are tested without a broker and a store. It records every request
 * (method, path and query, the header stub's headers), which the tests read at {@code GET /__requests}: what the
 * portal asked, as whom, is the point of most tests. Some users make it fail: {@code refused} answers 403
 * problem+json, {@code fail-500} a 500.
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
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                + " | X-User=" + user + " X-Roles=" + h.getFirst("X-Roles") + " X-District=" + h.getFirst("X-District")
                + " X-Acting-For=" + h.getFirst("X-Acting-For"));
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
        if (path.startsWith("/decisions/")) {
            String file = fixture("decision-" + path.substring("/decisions/".length()) + ".json");
            if (file == null) {
                send(exchange, 404, "application/problem+json", problem(404, "Not found",
                        "decision for application '" + path.substring(11) + "' does not exist", null));
            } else {
                send(exchange, 200, "application/json", file);
            }
            return;
        }
        send(exchange, 404, "application/problem+json", problem(404, "Not found", "no such path", null));
    }

    /** commons {@code Problem} as {@code ProblemMappers} writes it. */
    private static String problem(int status, String title, String detail, String field) {
        return "{\"type\":\"https://susong.xm.gov.cn/problems/" + status + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\",\"instance\":\"/applications\""
                + (field == null ? "" : ",\"field\":\"" + field + "\"") + "}";
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = DownstreamFake.class.getResourceAsStream("/fake/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
