package org.susong.commons.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace context across the outbox (issue 17 item 5). An event is published later, from the relay's
 * own thread, so the context it belongs to is fixed when the aggregate writes it: each outbox entry keeps
 * its writer's {@code traceparent} among its CloudEvents extensions (the distributed-tracing extension;
 * on the wire the header {@code ce_traceparent}), and the relay sends the record as a child of it (the
 * Kafka header {@code traceparent} of SmallRye's producer span). A consumer continues the trace of the
 * record's {@code traceparent} header, or of the event's {@code ce_traceparent} when the producer sent
 * none (tracing off on its side). Entries stored without one (written before traces, or with tracing off)
 * publish as before, in a trace of their own.
 */
public final class Traces {

    /** The CloudEvents distributed-tracing extension attribute and the W3C header: {@code 00-<trace>-<span>-<flags>}. */
    public static final String TRACEPARENT = EventHeaders.TRACEPARENT;

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /**
     * The events a consumer is applying together on this thread (a batch handler's call), by event id:
     * the traceparent of each one's handling span, for the events they cause (matched by causation id).
     */
    private static final ThreadLocal<Map<String, String>> HANDLING = new ThreadLocal<>();

    private Traces() {
    }

    /**
     * The traceparent an event written now is stored with: that of the handled event it was caused by
     * when a batch is being applied (one call for events of many traces), else the current span's;
     * null when there is neither (tracing off, a scheduled round outside any trace).
     */
    public static String forWrite(String causation) {
        Map<String, String> handling = HANDLING.get();
        if (handling != null && causation != null) {
            String caused = handling.get(causation);
            if (caused != null) {
                return caused;
            }
        }
        return traceparent(Span.current().getSpanContext());
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid (absent) context. */
    public static String traceparent(SpanContext span) {
        if (span == null || !span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The context a stored or received traceparent names (its span as a remote parent); the root context when it names none. */
    public static Context context(String traceparent) {
        if (traceparent == null || traceparent.isEmpty()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), GETTER);
    }

    /** Whether the traceparent names a valid span context. */
    public static boolean isValid(String traceparent) {
        return Span.fromContext(context(traceparent)).getSpanContext().isValid();
    }

    /**
     * Registers, for this thread, the handling spans of the events a batch handler applies together, so
     * that each event they cause is stored with the traceparent of its own cause; close it after the call.
     */
    static Batch handlingBatch(List<InboundEvent> events, List<Span> spans) {
        Map<String, String> byId = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            String traceparent = traceparent(spans.get(i).getSpanContext());
            if (traceparent != null) {
                byId.put(events.get(i).id(), traceparent);
            }
        }
        Map<String, String> before = HANDLING.get();
        HANDLING.set(byId);
        return () -> {
            if (before == null) {
                HANDLING.remove();
            } else {
                HANDLING.set(before);
            }
        };
    }

    /** Ends a batch's registration. */
    interface Batch extends AutoCloseable {
        @Override
        void close();
    }
}
