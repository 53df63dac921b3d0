package org.susong.infra.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.susong.commons.messaging.TopicCatalogue;

/**
 * The embedded default: a real Kafka broker and a MongoDB-wire store in one JVM, with the topics
 * of the catalogue created. Used by {@code ./platform run} (as its own process, see {@link #main})
 * and, in-process, by the shared Quarkus test resource.
 */
public final class LocalInfra implements AutoCloseable {

    private final InfraSettings settings;
    private final KafkaBroker broker;
    private final MongoStore store;

    public LocalInfra(InfraSettings settings) {
        this.settings = settings;
        this.broker = new KafkaBroker(settings);
        this.store = new MongoStore(settings);
    }

    public InfraSettings settings() {
        return settings;
    }

    public LocalInfra start() throws Exception {
        store.start();
        broker.start();
        if (settings.secured()) {
            // principals and ACLs first, as admin (PLAIN, a static credential): no service can log in before
            BrokerCredentials credentials = BrokerCredentials.loadOrCreate(settings.kafkaSecrets());
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
            properties.putAll(BrokerAccess.adminClient(credentials));
            try (Admin admin = Admin.create(properties)) {
                BrokerAccess.apply(admin, credentials);
                createTopics(admin);
            }
            awaitReadable(credentials);
        } else {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
            try (Admin admin = Admin.create(properties)) {
                createTopics(admin);
            }
        }
        return this;
    }

    /** Creates the catalogue's topics that do not exist yet (idempotent across restarts). */
    static void createTopics(Admin admin) throws Exception {
        List<NewTopic> topics = TopicCatalogue.load().topics().values().stream()
                .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1)
                        .configs(Map.of("retention.ms", String.valueOf(topic.retentionMs()))))
                .toList();
        for (var created : admin.createTopics(topics).values().values()) {
            try {
                created.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits until {@code ops} logs in on the client listener and describes every topic: the broker has then
     * applied the users, ACLs and topics made before (one ordered metadata log), so READY
     * means every service can log in.
     */
    private void awaitReadable(BrokerCredentials credentials) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        properties.putAll(credentials.clientProperties(BrokerCredentials.OPS));
        Set<String> topics = TopicCatalogue.load().topics().keySet();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Admin admin = Admin.create(properties)) {
                admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Stops the broker before the store; callers stop the services before calling this. */
    @Override
    public void close() {
        broker.stop();
        store.stop();
    }

    public static void main(String[] args) throws Exception {
        InfraSettings settings = InfraSettings.fromEnvironment(Path.of(".platform", "data"));
        LocalInfra infra = new LocalInfra(settings);
        long started = System.nanoTime();
        infra.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local infra: stopping broker and store");
            infra.close();
            System.out.println("local infra: stopped");
        }, "infra-shutdown"));
        System.out.printf("local infra READY in %d ms: kafka=%s mongo=%s data=%s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), settings.kafkaBootstrap(),
                settings.mongoConnectionString(), settings.dataDir().toAbsolutePath());
        Thread.currentThread().join();
    }
}
