package org.susong.commons.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * What a log line written while handling an event is about (issue 17 item 5): the trace and span ids
 * of its handling span and, where the event names them, the application and decision ids, as MDC
 * entries ({@code traceId}, {@code spanId}, {@code applicationId}, {@code decisionId}). The JSON logs of
 * the {@code prod} profile carry them (quarkus-logging-json writes the MDC); the text logs of local, dev
 * and test print as before. Closing restores the entries that were there before.
 */
public final class LogContext implements AutoCloseable {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String APPLICATION_ID = "applicationId";
    public static final String DECISION_ID = "decisionId";

    private final Map<String, Object> before = new LinkedHashMap<>();

    private LogContext() {
    }

    /** The entries of one event's handling. */
    public static LogContext of(InboundEvent event, Span span) {
        LogContext context = new LogContext();
        SpanContext ids = span.getSpanContext();
        if (ids.isValid()) {
            context.put(TRACE_ID, ids.getTraceId());
            context.put(SPAN_ID, ids.getSpanId());
        }
        context.put(APPLICATION_ID, text(event.data(), APPLICATION_ID));
        context.put(DECISION_ID, text(event.data(), DECISION_ID));
        return context;
    }

    private void put(String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        before.put(key, MDC.get(key));
        MDC.put(key, value);
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data == null ? null : data.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    @Override
    public void close() {
        before.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
