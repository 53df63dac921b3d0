package org.susong.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The spans a service records under {@link TracedTestProfile}, kept in memory (issue 17 item 5). A traced test makes it
 * a bean of its service, which the OpenTelemetry SDK exports to as to any {@link SpanExporter} bean, and injects it:
 * <pre>
 * &#64;Inject
 * Spans spans;
 *
 * &#64;Singleton
 * static class Spans extends InMemorySpans {
 * }
 * </pre>
 * (a class of the test's own, so the service's bean discovery finds it; this module is not a bean archive).
 */
public class InMemorySpans implements SpanExporter {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @Override
    public CompletableResultCode export(Collection<SpanData> finished) {
        return spans.export(finished);
    }

    @Override
    public CompletableResultCode flush() {
        return spans.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return spans.shutdown();
    }

    /** The spans finished so far. */
    public List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    /** The first finished span that matches, waiting up to 10 s for it ({@link TraceRecords#awaitSpan}). */
    public SpanData await(Predicate<SpanData> which) {
        return TraceRecords.awaitSpan(this::finished, which);
    }

    /** The finished span of this id, waiting up to 10 s for it. */
    public SpanData await(String spanId) {
        return await(s -> s.getSpanId().equals(spanId));
    }
}
