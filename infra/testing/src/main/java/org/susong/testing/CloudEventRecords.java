package org.susong.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.susong.infra.local.Audit;

/**
 * Test support: Kafka records shaped like Susong events (CloudEvents binary mode), to play another
 * service's part, redeliver an event, or send a poison record.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    public static ProducerRecord<String, String> event(String topic, String id, String type, String subject, String payload,
                                                       Map<String, String> extensions) {
        List<Header> headers = new ArrayList<>();
        headers.add(header("ce_specversion", "1.0"));
        headers.add(header("ce_id", id));
        headers.add(header("ce_type", type));
        headers.add(header("ce_source", "/susong/test"));
        headers.add(header("ce_subject", subject));
        headers.add(header("ce_time", Instant.now().toString()));
        headers.add(header("content-type", "application/json"));
        extensions.forEach((name, value) -> headers.add(header("ce_" + name, value)));
        return new ProducerRecord<>(topic, null, subject, payload, headers);
    }

    public static ProducerRecord<String, String> event(String topic, String type, String subject, String payload) {
        return event(topic, UUID.randomUUID().toString(), type, subject, payload, Map.of());
    }

    /**
     * A record no consumer can read: no CloudEvents headers and a body that is not JSON. It carries the
     * {@link Audit#POISON_HEADER} marker, which the dead-letter queue copies, so the audit knows its
     * dead letters were made on purpose.
     */
    public static ProducerRecord<String, String> poison(String topic, String key) {
        return new ProducerRecord<>(topic, null, key, "\u0000not json{{", List.of(header(Audit.POISON_HEADER, "true")));
    }

    public static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
