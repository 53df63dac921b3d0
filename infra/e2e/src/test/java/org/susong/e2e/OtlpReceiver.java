package org.susong.e2e;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A collector's OTLP/HTTP traces endpoint ({@code POST /v1/traces}, binary protobuf {@code ExportTraceServiceRequest}),
 * for tests: the services export to it as they would to an OpenTelemetry Collector. It keeps the spans of the traces a
 * test {@link #follow follows} (the rest are counted and dropped, so a long suite holds little).
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span: ids in lower-case hex as in a {@code traceparent}; {@code parentSpanId} empty for a root. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {

        @Override
        public String toString() {
            return service + " " + kind + " '" + name + "' " + spanId + " <- " + (parentSpanId.isEmpty() ? "(root)" : parentSpanId);
        }
    }

    private final HttpServer server;
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    /** Kept spans by trace id and span id, in the order received. */
    private final Map<String, Span> spans = new LinkedHashMap<>();
    private final List<String> conflicts = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();

    OtlpReceiver() throws IOException {
        // the protobuf classes loaded now, not while the first export waits for its answer (2 s, then it is sent again)
        ExportTraceServiceRequest.parseFrom(new byte[0]);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", this::export);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The exporter's endpoint ({@code quarkus.otel.exporter.otlp.traces.endpoint}; the exporter adds {@code /v1/traces}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Keeps the spans of this trace from now on. */
    void follow(String traceId) {
        followed.add(traceId);
    }

    /** The kept spans of a followed trace, in the order received. */
    List<Span> trace(String traceId) {
        synchronized (spans) {
            return spans.values().stream().filter(s -> s.traceId().equals(traceId)).toList();
        }
    }

    /** Two different spans received under one span id (a span exported again is the same span, kept once). */
    List<String> conflicts() {
        synchronized (spans) {
            return List.copyOf(conflicts);
        }
    }

    /** Spans received in all, followed or not. */
    long received() {
        return received.get();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            }
            keep(request);
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response);
                }
            }
        }
    }

    private void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                    .map(v -> v.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    received.incrementAndGet();
                    String traceId = hex(span.getTraceId());
                    if (followed.contains(traceId)) {
                        Span kept = new Span(service, traceId, hex(span.getSpanId()), hex(span.getParentSpanId()),
                                span.getName(), span.getKind().name().replace("SPAN_KIND_", ""));
                        synchronized (spans) {
                            // the exporter sends a batch again when an answer is late (at-least-once, as to a collector)
                            Span before = spans.putIfAbsent(traceId + "/" + kept.spanId(), kept);
                            if (before != null && !before.equals(kept)) {
                                conflicts.add(before + " / " + kept);
                            }
                        }
                    }
                }
            }
        }
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
