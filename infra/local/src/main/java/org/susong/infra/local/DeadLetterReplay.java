package org.susong.infra.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The replay tool of architecture rule 6: re-injects the dead letters of a {@code <service>.dlq}
 * topic into the topics they came from (header {@code dead-letter-topic}), byte for byte with their
 * key and CloudEvents headers and without the dead-letter headers, once a fix is deployed. It reads
 * with its own consumer group ({@code <dlq>-replay}) and commits after each batch is acknowledged,
 * so running it twice replays each dead letter once; idempotent consumers absorb a repeat anyway.
 * {@code ./platform replay applications.dlq}
 */
public final class DeadLetterReplay {

    static final String ORIGIN_HEADER = "dead-letter-topic";
    /** The replay's consumer group is the dead-letter topic's name and this suffix. */
    static final String GROUP_SUFFIX = "-replay";

    private DeadLetterReplay() {
    }

    /** Replays every dead letter not replayed before; returns how many were sent. */
    public static int replay(String bootstrap, String deadLetterTopic, Duration quietPeriod)
            throws InterruptedException, ExecutionException {
        return replay(bootstrap, Map.of(), deadLetterTopic, quietPeriod);
    }

    /** The same, logging in with {@code security} (the {@code ops} principal's client settings on a secured broker). */
    public static int replay(String bootstrap, Map<String, String> security, String deadLetterTopic, Duration quietPeriod)
            throws InterruptedException, ExecutionException {
        Properties c = new Properties();
        c.putAll(security);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, deadLetterTopic + GROUP_SUFFIX);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            consumer.subscribe(List.of(deadLetterTopic));
            long quietUntil = System.nanoTime() + quietPeriod.toNanos();
            while (System.nanoTime() < quietUntil) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Header origin = record.headers().lastHeader(ORIGIN_HEADER);
                    if (origin == null) {
                        System.err.printf("skipping %s-%d@%d: no %s header%n", record.topic(), record.partition(),
                                record.offset(), ORIGIN_HEADER);
                        continue;
                    }
                    sent.add(producer.send(toOrigin(record, new String(origin.value(), StandardCharsets.UTF_8))));
                }
                for (var future : sent) {
                    future.get();
                }
                consumer.commitSync();
                replayed += sent.size();
                quietUntil = System.nanoTime() + quietPeriod.toNanos();
            }
        }
        return replayed;
    }

    static ProducerRecord<byte[], byte[]> toOrigin(ConsumerRecord<byte[], byte[]> record, String topic) {
        List<Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].endsWith(".dlq")) {
            System.err.println("usage: ./platform replay <service>.dlq [bootstrap servers, default 127.0.0.1:9092]");
            System.exit(2);
        }
        String bootstrap = args.length > 1 ? args[1] : "127.0.0.1:" + InfraSettings.DEFAULT_KAFKA_PORT;
        // ./platform run's broker takes the ops principal of .platform/secrets (none: a plaintext broker)
        Map<String, String> security = BrokerCredentials.readIfPresent(BrokerCredentials.LOCAL_FILE)
                .map(c -> c.clientProperties(BrokerCredentials.OPS)).orElse(Map.of());
        int replayed = replay(bootstrap, security, args[0], Duration.ofSeconds(3));
        System.out.println("replayed " + replayed + " dead letter(s) of " + args[0]);
    }
}
