package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.susong.testing.CloudEventRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The replay tool on the real local broker (issue 15 item 4): the dead letters of {@code <service>.dlq} go once to
 * {@code <service>.replay}, which only that service reads, with their key, their CloudEvents headers and the topic
 * they came from, without dead-letter headers, one key's in their order; never back onto a shared {@code *.events}.
 */
class DeadLetterReplayTest {

    @RegisterExtension
    static final RunningInfra infra = new RunningInfra("replay-test");

    @Test
    void dead_letters_go_once_to_the_failing_services_replay_topic_with_their_key_and_headers_never_to_the_shared_one()
            throws Exception {
        String bootstrap = infra.settings().kafkaBootstrap();
        String key = "APP-" + UUID.randomUUID();
        ProducerRecord<String, String> event = CloudEventRecords.event("payments.events", "e-1",
                "susong.payments.PaymentDisbursed.v1", key, "{\"orderId\":\"PO-1\"}", Map.of());
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(deadLetter("applications.dlq", event, "payments.events")).get();
        }

        assertEquals(1, DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2)));
        assertEquals(0, DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2)), "replayed once");

        assertEquals(List.of(), ids(read(bootstrap, "payments.events")), "nothing goes back onto the shared topic");
        List<ConsumerRecord<String, String>> back = read(bootstrap, "applications.replay");
        assertEquals(1, back.size());
        ConsumerRecord<String, String> replayed = back.get(0);
        assertEquals(key, replayed.key());
        assertEquals(event.value(), replayed.value());
        assertEquals("e-1", CloudEventRecords.header(replayed, "ce_id"));
        assertEquals("payments.events", CloudEventRecords.header(replayed, "replay-origin-topic"),
                "the topic whose handlers apply it");
        assertNull(replayed.headers().lastHeader("dead-letter-reason"));
        assertNull(replayed.headers().lastHeader("dead-letter-topic"));
    }

    @Test
    void dead_letters_of_one_key_keep_their_order_in_one_partition_of_the_replay_topic() throws Exception {
        String bootstrap = infra.settings().kafkaBootstrap();
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int i = 0; i < 6; i++) {
                producer.send(deadLetter("eligibility.dlq", CloudEventRecords.event("payments.events", "r-" + i,
                        "susong.payments.BudgetReleased.v1", "D-" + (i % 2), "{}", Map.of()), "payments.events")).get();
            }
        }

        assertEquals(6, DeadLetterReplay.replay(bootstrap, "eligibility.dlq", Duration.ofSeconds(2)));

        List<ConsumerRecord<String, String>> replayed = read(bootstrap, "eligibility.replay");
        for (String key : List.of("D-0", "D-1")) {
            List<ConsumerRecord<String, String>> ofKey = replayed.stream().filter(r -> key.equals(r.key())).toList();
            assertEquals(1, ofKey.stream().map(ConsumerRecord::partition).distinct().count(), key + ": one partition");
            List<String> ids = ofKey.stream().map(r -> CloudEventRecords.header(r, "ce_id")).toList();
            assertEquals(key.equals("D-0") ? List.of("r-0", "r-2", "r-4") : List.of("r-1", "r-3", "r-5"), ids,
                    key + ": in dead-letter order");
        }
    }

    @Test
    void a_replayed_record_dead_lettered_again_is_replayed_for_its_first_origin() throws Exception {
        String bootstrap = infra.settings().kafkaBootstrap();
        ProducerRecord<String, String> event = CloudEventRecords.event("eligibility.events", "again-1",
                "susong.eligibility.EligibilityDecided.v1", "D-9", "{}", Map.of());
        ProducerRecord<String, String> replayedOnce = new ProducerRecord<>("payments.replay", null, event.key(),
                event.value(), event.headers());
        replayedOnce.headers().add(new RecordHeader("replay-origin-topic", "eligibility.events".getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(deadLetter("payments.dlq", replayedOnce, "payments.replay")).get();
        }

        assertEquals(1, DeadLetterReplay.replay(bootstrap, "payments.dlq", Duration.ofSeconds(2)));

        List<ConsumerRecord<String, String>> replayed = read(bootstrap, "payments.replay");
        assertEquals(1, replayed.stream().filter(r -> "again-1".equals(CloudEventRecords.header(r, "ce_id"))).count());
        assertEquals("eligibility.events", CloudEventRecords.header(replayed.get(replayed.size() - 1), "replay-origin-topic"));
        assertEquals(List.of(), ids(read(bootstrap, "eligibility.events")), "nothing goes back onto the shared topic");
    }

    /** The record as a service's dead-letter strategy writes it after failing on it when read from {@code from}. */
    static ProducerRecord<String, String> deadLetter(String dlq, ProducerRecord<String, String> event, String from) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(dlq, null, event.key(), event.value(), event.headers());
        dead.headers().add(new RecordHeader("dead-letter-topic", from.getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader("dead-letter-reason", "store was broken".getBytes(StandardCharsets.UTF_8)));
        return dead;
    }

    static List<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> CloudEventRecords.header(r, "ce_id")).toList();
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    static List<ConsumerRecord<String, String>> read(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long until = System.currentTimeMillis() + 4000;
            while (System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }
}
