package org.susong.eligibility.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.susong.testing.Benchmark;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;

/**
 * Decision time under a steady 200 applications/s through Kafka (on demand):
 * {@code ./mvnw -o -B -pl services/eligibility test -Dtest=DecisionLoadBenchmark -Dsusong.bench=true}
 * (-Dbench.rate, -Dbench.seconds). B1 applications with fresh certificates (each goes through the
 * cap ledger: intent, guarded counter, decision insert, relay). Prints the service's own decision
 * timer (p50/p95/p99 inside the service) and submit-to-published latency percentiles.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Benchmark
class DecisionLoadBenchmark {

    @Inject
    MeterRegistry registry;

    @Test
    void decisions_under_a_steady_rate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        int total = rate * seconds;
        Timer timer = registry.find("susong.eligibility.decision").timer();
        long before = timer == null ? 0 : timer.count();
        long start = System.nanoTime();
        long[] allDecided = {0};
        Thread watcher = new Thread(() -> {
            while (allDecided[0] == 0 && System.nanoTime() - start < 300_000_000_000L) {
                Timer t = registry.find("susong.eligibility.decision").timer();
                if (t != null && t.count() - before >= total) {
                    allDecided[0] = System.nanoTime();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String app = "APP-LB" + run + "-" + i;
                String body = "{\"applicationId\":\"" + app + "\",\"applicantUscc\":\"91350200M000100Y43\",\"measureCode\":\"B1\","
                        + "\"district\":\"HULI\",\"facts\":{\"category\":\"HIGH_TECH_ENTERPRISE\",\"certificateNumber\":\"LB"
                        + run + i + "\",\"certificationYear\":2025,\"certificationKind\":\"FIRST\"},\"submittedAt\":\"2026-06-15T01:00:00Z\"}";
                sent.put("D-" + app, System.currentTimeMillis());
                producer.send(CloudEventRecords.event("applications.events", UUID.randomUUID().toString(),
                        "susong.applications.ApplicationSubmitted.v1", app, body, Map.of()));
            }
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        List<Long> latencies = new ArrayList<>();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + run);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long deadline = System.currentTimeMillis() + 180_000;
        long lastDecision = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("eligibility.events"));
            while (latencies.size() < total && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Long at = sent.remove(r.key());
                    if (at != null) {
                        latencies.add(r.timestamp() - at);
                        lastDecision = Math.max(lastDecision, r.timestamp());
                    }
                }
            }
        }
        Collections.sort(latencies);
        timer = registry.find("susong.eligibility.decision").timer();
        StringBuilder inside = new StringBuilder();
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            inside.append(String.format(" p%.0f=%.1fms", v.percentile() * 100, v.value(TimeUnit.MILLISECONDS)));
        }
        System.out.printf("LOAD-BENCH all %d decided %.1f s after the first was sent; last published %.1f s after%n", total,
                allDecided[0] == 0 ? -1 : (allDecided[0] - start) / 1e9,
                (lastDecision - (System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000)) / 1e3);
        System.out.printf("LOAD-BENCH offered %d/s for %ds (%d applications, produced in %.1f s); decided %d;"
                        + " decision inside the service: count=%d mean=%.1fms%s; submit->published: p50=%dms p95=%dms p99=%dms max=%dms%n",
                rate, seconds, total, produceSeconds, latencies.size(), timer.count(), timer.mean(TimeUnit.MILLISECONDS),
                inside, pct(latencies, 0.50), pct(latencies, 0.95), pct(latencies, 0.99),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));
    }

    static long pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
