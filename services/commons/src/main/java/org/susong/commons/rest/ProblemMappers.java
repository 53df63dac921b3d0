package org.susong.commons.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service leaves as problem+json (RFC 9457) that names the field at fault.
 * Bean Validation, malformed or mistyped JSON, JAX-RS errors and {@link ProblemException} all map
 * here, so no resource writes its own error bodies.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(new Problem(type(e.status()), e.title(), e.status(), e.getMessage(), path(uri),
                e.field(), null, e.extensions()));
        return e.status() == 401 ? Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build() : response;
    }

    /**
     * A failure that goes away by itself (store or broker unavailable, a full outbox) is 503 with
     * {@code Retry-After}, not a 500: the client may repeat the request (with its Idempotency-Key).
     */
    @ServerExceptionMapper
    public Response transientFailure(org.susong.commons.messaging.TransientFailure e, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(type(503), "Service unavailable", 503, e.getMessage() + "; try again",
                path(uri), null, null, Map.of()))).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    /** A change whose event would be larger than the broker takes is refused whole, before anything is written. */
    @ServerExceptionMapper
    public Response eventTooLarge(org.susong.commons.messaging.Outbox.EventTooLarge e, UriInfo uri) {
        return respond(new Problem(type(413), "Request too large", 413, "the request is too large to record: "
                + "its event would exceed the broker's record size", path(uri), null, null, Map.of()));
    }

    /** A USCC whose check character fails, with the one GB 32100-2015 expects. */
    @ServerExceptionMapper
    public Response usccCheck(org.susong.commons.ids.UsccOverride.UsccCheckFailed e, UriInfo uri) {
        return problem(ProblemException.unprocessable(e.field(), e.getMessage())
                .with("expectedCheckCharacter", String.valueOf(e.expected())), uri);
    }

    /**
     * No identity, or a token that failed verification (expired, signed by another key, for
     * another audience): 401 with the Bearer challenge. The reason stays in the log, not the answer.
     */
    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        LOG.debugf("unauthenticated request to %s: %s", path(uri), e.getMessage());
        return Response.fromResponse(respond(new Problem(type(401), "Unauthenticated", 401,
                "the request carries no valid credentials: send an OIDC bearer token (Authorization: Bearer ...)",
                path(uri), null, null, Map.of()))).header("WWW-Authenticate", "Bearer").build();
    }

    /** A verified identity without the role the operation names. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(new Problem(type(403), "Forbidden", 403, "your roles do not allow this operation", path(uri),
                null, null, Map.of()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
        String field = violations.isEmpty() ? null : violations.get(0).field();
        return respond(new Problem(type(400), "Invalid request", 400, detail, path(uri), field, violations, Map.of()));
    }

    @ServerExceptionMapper
    public Response mistyped(JsonMappingException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String detail = field.isEmpty() ? "the request body does not have the expected shape"
                : "'" + field + "' must be " + expected(e);
        return respond(new Problem(type(400), "Invalid request", 400, detail, path(uri), field.isEmpty() ? null : field,
                null, Map.of()));
    }

    /**
     * What a mistyped field must be, in JSON's words: Jackson's own message names Java types
     * (`java.time.LocalDate`, a service's enum class), which a problem answer never echoes.
     */
    static String expected(JsonMappingException e) {
        Class<?> type = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType()
                : e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v && v.getType() != null
                ? v.getType().getRawClass() : null;
        if (type == null) {
            return "of another type or format";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a timestamp (ISO 8601)";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** Quarkus REST maps this one itself (without problem+json) unless the application does. */
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return mistyped(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem(type(400), "Malformed JSON", 400, "the request body is not valid JSON: "
                + e.getOriginalMessage(), path(uri), null, null, Map.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps body-reading failures: answer them as the JSON problem they are
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping) {
                return mistyped(mapping, uri);
            }
            if (cause instanceof JsonProcessingException processing) {
                return malformed(processing, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return respond(new Problem(type(status), Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), status, e.getMessage(), path(uri), null,
                null, Map.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String type(int status) {
        return "https://susong.xm.gov.cn/problems/" + status;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** "submit.request.facts.category" becomes "facts.category": method and parameter nodes dropped. */
    static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
        }
        if (field.length() == 0) {
            // a violation on a parameter itself (e.g. a missing body): name the parameter
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    return node.getName();
                }
            }
        }
        return field.toString();
    }
}
