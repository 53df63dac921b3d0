package org.susong.infra.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.TopicCatalogue;

/**
 * The replay tool of architecture rule 6 (issue 15 item 4): puts the dead letters of a {@code <service>.dlq} on
 * {@code <service>.replay}, the topic only that service reads (commons {@code ReplayConsumer}), never back onto a
 * shared {@code *.events} topic, where every other consumer group would see them again after newer events. Each goes
 * byte for byte with its key (so one key's dead letters land on one partition, in their dead-letter order) and its
 * CloudEvents headers, without the dead-letter headers, with {@link ReplayConsumer#ORIGIN_HEADER} naming the topic
 * whose handlers apply it: the dead letter's {@code dead-letter-topic}, or the origin it already carried when it
 * failed again after a replay.
 *
 * <p>It replays what the dead-letter topic holds when it starts (its end offsets then), not what arrives meanwhile,
 * so it ends even while a replayed record fails again. It reads with its own consumer group ({@code <dlq>-replay})
 * and commits after each batch is acknowledged, so a second run replays only newer dead letters; the service's
 * idempotent handlers absorb a repeat anyway. The auditor reads the same commits ({@link #replayedUpTo}): a dead letter
 * replayed is handled, not a breach. {@code ./platform replay applications.dlq}
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

    /**
     * The same, logging in with {@code security} (the {@code ops} principal's client settings on a secured broker).
     * Gives up, saying so, when nothing arrives for {@code quietPeriod} before the end offsets seen at the start.
     */
    public static int replay(String bootstrap, Map<String, String> security, String deadLetterTopic, Duration quietPeriod)
            throws InterruptedException, ExecutionException {
        String target = replayTopic(deadLetterTopic);
        Properties c = new Properties();
        c.putAll(security);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group(deadLetterTopic));
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
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long quietUntil = System.nanoTime() + quietPeriod.toNanos();
            while (behind(consumer, end)) {
                if (System.nanoTime() > quietUntil) {
                    System.err.printf("stopping: no dead letter of %s arrived for %s before its end offsets %s%n",
                            deadLetterTopic, quietPeriod, end);
                    break;
                }
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue; // arrived after the start: the next run's
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    String origin = origin(record);
                    if (origin == null) {
                        System.err.printf("skipping %s-%d@%d: no %s header%n", record.topic(), record.partition(),
                                record.offset(), ORIGIN_HEADER);
                        continue;
                    }
                    sent.add(producer.send(toReplay(record, target, origin)));
                }
                for (var future : sent) {
                    future.get();
                }
                consumer.commitSync(done);
                replayed += sent.size();
                quietUntil = System.nanoTime() + quietPeriod.toNanos();
            }
        }
        return replayed;
    }

    /** The consumer group whose commits record how far the dead letters of {@code deadLetterTopic} were replayed. */
    static String group(String deadLetterTopic) {
        return deadLetterTopic + GROUP_SUFFIX;
    }

    /**
     * What the replay has done so far, from the same record a second run starts from (its group's commits): per
     * partition of {@code deadLetterTopic}, the offset below which every dead letter was handed on (or skipped for want
     * of an origin, {@link #origin} null); no entry where it never ran.
     */
    static Map<TopicPartition, Long> replayedUpTo(Admin admin, String deadLetterTopic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> upTo = new HashMap<>();
        admin.listConsumerGroupOffsets(group(deadLetterTopic)).partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS)
                .forEach((partition, committed) -> {
                    if (committed != null && partition.topic().equals(deadLetterTopic)) {
                        upTo.put(partition, committed.offset());
                    }
                });
        return upTo;
    }

    /** {@code <service>.replay} of a {@code <service>.dlq} of the catalogue. */
    static String replayTopic(String deadLetterTopic) {
        String service = deadLetterTopic.endsWith(".dlq")
                ? deadLetterTopic.substring(0, deadLetterTopic.length() - ".dlq".length()) : "";
        if (ServiceSpec.ALL.stream().noneMatch(s -> s.name().equals(service))) {
            throw new IllegalArgumentException("'" + deadLetterTopic + "' is not the dead-letter topic of a service");
        }
        return TopicCatalogue.replayTopic(service);
    }

    private static boolean behind(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
    }

    /** The topic whose handlers apply the record: the one it was first read from. */
    static String origin(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(ReplayConsumer.ORIGIN_HEADER);
        if (header == null) {
            header = record.headers().lastHeader(ORIGIN_HEADER);
        }
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static ProducerRecord<byte[], byte[]> toReplay(ConsumerRecord<byte[], byte[]> record, String topic, String origin) {
        List<Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-") && !header.key().equals(ReplayConsumer.ORIGIN_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(new RecordHeader(ReplayConsumer.ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8)));
        // no partition: the key's (the same default partitioner as the outbox relay's), so one key stays in order
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    public static void main(String[] args) throws Exception {
        String target;
        try {
            target = args.length < 1 ? null : replayTopic(args[0]);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null) {
            System.err.println("usage: ./platform replay <service>.dlq [bootstrap servers, default 127.0.0.1:9092]; services: "
                    + String.join(", ", ServiceSpec.ALL.stream().map(ServiceSpec::name).toList()));
            System.exit(2);
        }
        String bootstrap = args.length > 1 ? args[1] : "127.0.0.1:" + InfraSettings.DEFAULT_KAFKA_PORT;
        // ./platform run's broker takes the ops principal of .platform/secrets (none: a plaintext broker)
        Map<String, String> security = BrokerCredentials.readIfPresent(BrokerCredentials.LOCAL_FILE)
                .map(c -> c.clientProperties(BrokerCredentials.OPS)).orElse(Map.of());
        int replayed = replay(bootstrap, security, args[0], Duration.ofSeconds(10));
        System.out.println("replayed " + replayed + " dead letter(s) of " + args[0] + " to " + target + ", which only "
                + args[0].substring(0, args[0].length() - ".dlq".length()) + " reads");
    }
}
