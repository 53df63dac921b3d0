package org.susong.commons.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served, answered as RFC 9457 problem+json. {@code field} names the
 * offending request field (JSON path like {@code facts.category}) when there is one.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Invalid request", detail, field);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not found", what + " '" + id + "' does not exist", null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public static ProblemException unprocessable(String field, String detail) {
        return new ProblemException(422, "Unprocessable request", detail, field);
    }

    /** Adds a member to the problem document (e.g. the id of the existing resource on a 409). */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
