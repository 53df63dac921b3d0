package org.susong.infra.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
        createTopics(settings.kafkaBootstrap());
        return this;
    }

    /** Creates the catalogue's topics that do not exist yet (idempotent across restarts). */
    static void createTopics(String bootstrap) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (AdminClient admin = AdminClient.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = TopicCatalogue.load().topics().values().stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1)
                            .configs(Map.of("retention.ms", String.valueOf(topic.retentionMs()))))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
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
