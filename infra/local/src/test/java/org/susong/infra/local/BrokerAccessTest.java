package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, service credentials on the broker: the local broker as {@code ./platform run} starts it
 * (SASL/SCRAM, KRaft StandardAuthorizer, the ACLs of {@link BrokerAccess}) lets each service produce
 * only to its own topics and read only what it consumes, with its own group; a wrong password is refused.
 */
class BrokerAccessTest {

    static LocalInfra infra;
    static Path data;
    static BrokerCredentials credentials;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("broker-access-test");
        Path secrets = data.resolve("secrets").resolve("kafka.properties");
        credentials = BrokerCredentials.loadOrCreate(secrets);
        infra = new LocalInfra(new InfraSettings(data, "127.0.0.1", "127.0.0.1", PlatformProcesses.freePort(),
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), false).withKafkaSecrets(secrets)).start();
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
        Folders.deleteQuietly(data);
    }

    @Test
    void payments_cannot_produce_to_eligibility_events_and_can_produce_to_its_own_topic() throws Exception {
        try (KafkaProducer<String, String> payments = producer("payments", credentials.password("payments"))) {
            Throwable refused = failure(() -> payments.send(new ProducerRecord<>("eligibility.events", "D-FORGED",
                    "{\"outcome\":\"APPROVED\"}")).get());
            assertInstanceOf(TopicAuthorizationException.class, refused, String.valueOf(refused));

            assertNotNull(payments.send(new ProducerRecord<>("payments.events", "PO-1", "{}")).get());
        }
    }

    @Test
    void payments_reads_what_it_consumes_with_its_own_group_and_nothing_else() throws Exception {
        String key = "D-" + UUID.randomUUID();
        try (KafkaProducer<String, String> eligibility = producer("eligibility", credentials.password("eligibility"))) {
            eligibility.send(new ProducerRecord<>("eligibility.events", key, "{}")).get();
        }
        try (KafkaConsumer<String, String> payments = consumer("payments", "payments")) {
            assertEquals(true, reads(payments, "eligibility.events", key), "payments reads eligibility.events with its group");
        }
        try (KafkaConsumer<String, String> payments = consumer("payments", "payments")) {
            payments.subscribe(List.of("tech-contracts.events"));
            Throwable refused = failure(() -> payments.poll(Duration.ofSeconds(10)));
            assertInstanceOf(TopicAuthorizationException.class, refused, String.valueOf(refused));
        }
        try (KafkaConsumer<String, String> payments = consumer("payments", "eligibility")) {
            payments.subscribe(List.of("eligibility.events"));
            Throwable refused = failure(() -> payments.poll(Duration.ofSeconds(10)));
            assertInstanceOf(GroupAuthorizationException.class, refused, String.valueOf(refused));
        }
    }

    /**
     * Issue 18 item 4: the portal's evaluation read model reads the events with its group {@code portal} and
     * dead-letters to {@code portal.dlq}; it publishes nothing, not even to a topic it reads.
     */
    @Test
    void the_portal_reads_the_events_with_its_group_writes_only_its_dead_letters() throws Exception {
        String key = "A-" + UUID.randomUUID();
        try (KafkaProducer<String, String> applications = producer("applications", credentials.password("applications"))) {
            applications.send(new ProducerRecord<>("applications.events", key, "{}")).get();
        }
        try (KafkaConsumer<String, String> portal = consumer("portal", "portal")) {
            assertEquals(true, reads(portal, "applications.events", key), "the portal reads applications.events with its group");
        }
        try (KafkaProducer<String, String> portal = producer("portal", credentials.password("portal"))) {
            // a deliberately poisoned test record, so the ops audit of the dead letters below counts it as no breach
            ProducerRecord<String, String> dead = new ProducerRecord<>("portal.dlq", key, "{}");
            dead.headers().add(Audit.POISON_HEADER, "BrokerAccessTest".getBytes(StandardCharsets.UTF_8));
            assertNotNull(portal.send(dead).get());
            Throwable refused = failure(() -> portal.send(new ProducerRecord<>("applications.events", "A-FORGED", "{}")).get());
            assertInstanceOf(TopicAuthorizationException.class, refused, String.valueOf(refused));
        }
        try (KafkaConsumer<String, String> portal = consumer("portal", "applications")) {
            portal.subscribe(List.of("applications.events"));
            Throwable refused = failure(() -> portal.poll(Duration.ofSeconds(10)));
            assertInstanceOf(GroupAuthorizationException.class, refused, String.valueOf(refused));
        }
    }

    @Test
    void a_wrong_password_is_refused() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.settings().kafkaBootstrap());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.putAll(BrokerCredentials.clientProperties("payments", "not-" + credentials.password("payments")));
        try (Admin admin = Admin.create(p)) {
            Throwable refused = failure(() -> admin.describeTopics(List.of("payments.events")).allTopicNames().get());
            assertInstanceOf(SaslAuthenticationException.class, refused, String.valueOf(refused));
        }
    }

    @Test
    void ops_audits_and_replays_dead_letters_and_cannot_write_a_dead_letter_itself() throws Exception {
        String bootstrap = infra.settings().kafkaBootstrap();
        ProducerRecord<String, String> dead = new ProducerRecord<>("payments.dlq", "D-REPLAYED", "{}");
        dead.headers().add(DeadLetterReplay.ORIGIN_HEADER, "eligibility.events".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> payments = producer("payments", credentials.password("payments"))) {
            payments.send(dead).get();
        }
        Map<String, String> ops = credentials.clientProperties(BrokerCredentials.OPS);

        // the portal's test (any order) may have left its poisoned dead letter on portal.dlq
        long portalDeadLetters = countOnPortalDlq();
        assertEquals(1 + portalDeadLetters, Audit.deadLetters(bootstrap, ops).checked(), "ops reads every dead-letter topic");
        assertEquals(1, DeadLetterReplay.replay(bootstrap, ops, "payments.dlq", Duration.ofSeconds(1)),
                "ops replays into payments' own replay topic, with its replay group");
        Audit.CheckResult audited = Audit.deadLetters(bootstrap, ops);
        assertEquals(1, audited.replayed(), "ops reads what the replay group committed");
        assertEquals(List.of(), audited.breaches(), "a replayed dead letter is no breach");
        try (KafkaProducer<String, String> opsProducer = producer(BrokerCredentials.OPS, credentials.password(BrokerCredentials.OPS))) {
            Throwable refused = failure(() -> opsProducer.send(new ProducerRecord<>("payments.dlq", "X", "{}")).get());
            assertInstanceOf(TopicAuthorizationException.class, refused, String.valueOf(refused));
        }
        try (KafkaProducer<String, String> opsProducer = producer(BrokerCredentials.OPS, credentials.password(BrokerCredentials.OPS))) {
            Throwable refused = failure(() -> opsProducer.send(new ProducerRecord<>("eligibility.events", "X", "{}")).get());
            assertInstanceOf(TopicAuthorizationException.class, refused, "ops never writes a shared topic: " + refused);
        }
    }

    /** Whether the consumer, subscribed to the topic, reads a record of the key within 20 s. */
    static boolean reads(KafkaConsumer<String, String> consumer, String topic, String key) {
        consumer.subscribe(List.of(topic));
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                if (key.equals(r.key())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The records on {@code portal.dlq}, read by the admin. */
    static long countOnPortalDlq() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.settings().kafkaBootstrap());
        p.putAll(BrokerAccess.adminClient(credentials));
        try (Admin admin = Admin.create(p)) {
            var partition = new org.apache.kafka.common.TopicPartition("portal.dlq", 0);
            return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(partition)
                    .get().offset();
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** What the call threw, unwrapped from the future's ExecutionException. */
    static Throwable failure(Call call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        return fail("expected the broker to refuse");
    }

    static KafkaProducer<String, String> producer(String principal, String password) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.settings().kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.putAll(BrokerCredentials.clientProperties(principal, password));
        return new KafkaProducer<>(p);
    }

    static KafkaConsumer<String, String> consumer(String principal, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.settings().kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.putAll(credentials.clientProperties(principal));
        return new KafkaConsumer<>(p);
    }
}
