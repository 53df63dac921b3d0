package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replay tool on the real local broker: dead letters go back to their topic once, without dead-letter headers. */
class DeadLetterReplayTest {

    static LocalInfra infra;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("replay-test");
        infra = new LocalInfra(new InfraSettings(data, "127.0.0.1", "127.0.0.1", PlatformProcesses.freePort(),
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), false)).start();
    }

    @AfterAll
    static void stop() {
        infra.close();
        LocalInfraTestResource.deleteQuietly(data);
    }

    @Test
    void dead_letters_return_to_their_topic_once_with_their_cloud_event_headers() throws Exception {
        String bootstrap = infra.settings().kafkaBootstrap();
        String key = "APP-" + UUID.randomUUID();
        ProducerRecord<String, String> event = CloudEventRecords.event("payments.events", "e-1",
                "susong.payments.PaymentDisbursed.v1", key, "{\"orderId\":\"PO-1\"}", Map.of());
        ProducerRecord<String, String> dead = new ProducerRecord<>("applications.dlq", null, key, event.value(), event.headers());
        dead.headers().add(new RecordHeader("dead-letter-topic", "payments.events".getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader("dead-letter-reason", "store was broken".getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(dead).get();
        }

        assertEquals(1, DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2)));
        assertEquals(0, DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2)), "replayed once");

        List<ConsumerRecord<String, String>> back = read(bootstrap, "payments.events");
        assertEquals(1, back.size());
        ConsumerRecord<String, String> replayed = back.get(0);
        assertEquals(key, replayed.key());
        assertEquals(event.value(), replayed.value());
        assertEquals("e-1", CloudEventRecords.header(replayed, "ce_id"));
        assertNull(replayed.headers().lastHeader("dead-letter-reason"));
        assertNull(replayed.headers().lastHeader("dead-letter-topic"));
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
