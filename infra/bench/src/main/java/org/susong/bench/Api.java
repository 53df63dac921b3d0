package org.susong.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The platform's HTTP API as the harness uses it, with the local profile's header stub for identity (X-User,
 * X-Roles, X-District): the services of ./platform run on 127.0.0.1:8081-8085.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("applications", 8081);
        PORTS.put("eligibility", 8082);
        PORTS.put("payments", 8083);
        PORTS.put("tech-contracts", 8084);
        PORTS.put("fund-investments", 8085);
    }

    /** Health and metrics are on each service's management interface (./platform run: 9081-9085, issue 23 item 12). */
    static final int MANAGEMENT_OFFSET = 1000;

    /** Who a request is made as: user, roles and district of the header stub. */
    record As(String user, String roles, String district) {
        static As officer(String user, String district) {
            return new As(user, "officer", district);
        }
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        Reply expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new IllegalStateException("HTTP " + status + ": " + (body.length() > 500 ? body.substring(0, 500) : body));
        }
    }

    private final String host;
    private final HttpClient http;

    Api(String host) {
        this.host = host;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private HttpRequest.Builder request(String service, String path, As as) {
        int port = PORTS.get(service) + (path.startsWith("/q/health") || path.startsWith("/q/metrics") ? MANAGEMENT_OFFSET : 0);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofMinutes(10));
        if (as != null) {
            b.header("X-User", as.user()).header("X-Roles", as.roles());
            if (as.district() != null) {
                b.header("X-District", as.district());
            }
        }
        return b;
    }

    Reply get(String service, String path, As as) {
        return send(request(service, path, as).GET().build());
    }

    Reply post(String service, String path, As as, Object body) {
        return post(service, path, as, body, null);
    }

    Reply post(String service, String path, As as, Object body, String idempotencyKey) {
        return send(postRequest(service, path, as, body, idempotencyKey));
    }

    CompletableFuture<Reply> postAsync(String service, String path, As as, Object body, String idempotencyKey) {
        return http.sendAsync(postRequest(service, path, as, body, idempotencyKey), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body()));
    }

    Reply postText(String service, String path, As as, String contentType, String body) {
        return send(request(service, path, as).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest postRequest(String service, String path, As as, Object body, String idempotencyKey) {
        HttpRequest.Builder b = request(service, path, as).header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return b.POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The Prometheus text of a service's /q/metrics. */
    String metrics(String service) {
        return send(request(service, "/q/metrics", null).GET().build()).expect(200).body();
    }

    boolean ready(String service) {
        try {
            return send(request(service, "/q/health/ready", null).timeout(Duration.ofSeconds(3)).GET().build()).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
