package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lag exporter of {@code ./platform run --with-metrics} on the real local broker: Kafka Exporter's series,
 * with a group's lag counted from the partition's start while nothing is committed (a consumer that never ran)
 * and from its committed offset after, and the DLQ topics' end offsets (the DLQ alert's input).
 */
class LocalMetricsTest {

    static LocalInfra infra;
    static Path data;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("metrics-test");
        infra = new LocalInfra(new InfraSettings(data, "127.0.0.1", "127.0.0.1", PlatformProcesses.freePort(),
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), false)).start();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.settings().kafkaBootstrap());
        admin = Admin.create(p);
    }

    @AfterAll
    static void stop() {
        admin.close();
        infra.close();
        Folders.deleteQuietly(data);
    }

    @Test
    void lag_of_a_consumer_group_and_dead_letter_offsets_are_published_with_kafka_exporter_names() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", infra.settings().kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("applications.events", "APP-" + i, "{}")).get();
            }
            producer.send(new ProducerRecord<>("payments.dlq", "APP-0", "{}")).get();
        }

        Map<String, Double> before = series(LocalMetrics.scrape(admin));
        assertEquals(3, sum(before, "kafka_consumergroup_lag{consumergroup=\"eligibility\",topic=\"applications.events\""),
                "eligibility never committed: everything on applications.events is lag");
        assertEquals(0, sum(before, "kafka_consumergroup_lag{consumergroup=\"payments\",topic=\"eligibility.events\""));
        assertEquals(1, sum(before, "kafka_topic_partition_current_offset{topic=\"payments.dlq\""));
        assertEquals(3, sum(before, "kafka_topic_partition_current_offset{topic=\"applications.events\""));
        assertTrue(before.keySet().stream().noneMatch(k -> k.contains("consumergroup=\"tech-contracts\"")),
                "tech-contracts consumes nothing, so it has no group");

        // eligibility commits everything but one record
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(java.util.List.of("applications.events")).allTopicNames().get(10, TimeUnit.SECONDS)
                .get("applications.events").partitions().forEach(p -> ends.put(new TopicPartition("applications.events", p.partition()),
                        OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        boolean[] leftOne = {false};
        admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> {
            long offset = info.offset();
            if (offset > 0 && !leftOne[0]) {
                offset--;
                leftOne[0] = true;
            }
            commit.put(tp, new OffsetAndMetadata(offset));
        });
        admin.alterConsumerGroupOffsets("eligibility", commit).all().get(10, TimeUnit.SECONDS);

        Map<String, Double> after = series(LocalMetrics.scrape(admin));
        assertEquals(1, sum(after, "kafka_consumergroup_lag{consumergroup=\"eligibility\",topic=\"applications.events\""));
        assertEquals(2, sum(after, "kafka_consumergroup_current_offset{consumergroup=\"eligibility\",topic=\"applications.events\""));
    }

    private static Map<String, Double> series(String text) {
        Map<String, Double> out = new HashMap<>();
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int space = l.lastIndexOf(' ');
            out.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return out;
    }

    private static double sum(Map<String, Double> series, String prefix) {
        return series.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }
}
