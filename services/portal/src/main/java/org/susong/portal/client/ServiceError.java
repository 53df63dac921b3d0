package org.susong.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

/**
 * A service's answer the portal could not use: a 4xx problem+json (its title, detail and field, written for people),
 * a 5xx, or no answer at all ({@link #unreachable}, status 0). Pages show it as a sentence, never as a stack trace.
 */
public class ServiceError extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final int status;
    private final String title;
    private final String detail;
    private final String field;

    public ServiceError(String service, int status, String title, String detail, String field) {
        super(service + " answered " + status + (detail == null ? "" : ": " + detail));
        this.service = service;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.field = field;
    }

    /** No answer: refused, reset or timed out. */
    public static ServiceError unreachable(String service, Throwable cause) {
        ServiceError error = new ServiceError(service, 0, null, null, null);
        error.initCause(cause);
        return error;
    }

    /** The error of a 4xx or 5xx answer, with its problem+json members when the body is one. */
    public static ServiceError of(String service, Response response) {
        String title = null;
        String detail = null;
        String field = null;
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            if (body != null && !body.isBlank()) {
                JsonNode problem = JSON.readTree(body);
                title = text(problem, "title");
                detail = text(problem, "detail");
                field = text(problem, "field");
            }
        } catch (Exception notJson) {
            // a proxy's HTML error page or an empty body: the status alone says enough
        }
        return new ServiceError(service, response.getStatus(), title, detail, field);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    public String service() {
        return service;
    }

    /** The HTTP status; 0 when the service did not answer. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public String field() {
        return field;
    }

    public boolean unreachable() {
        return status == 0;
    }

    /** A refusal of this request (4xx), whose detail tells the person why; a 5xx or no answer is the service's fault. */
    public boolean refused() {
        return status >= 400 && status < 500;
    }
}
