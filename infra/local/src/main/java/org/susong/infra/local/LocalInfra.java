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
 * The embedded default: a real Kafka broker and a MongoDB-wire store, with the topics of the
 * catalogue created. {@code ./platform run} runs the store and the broker as two processes of
 * their own ({@link #main} with {@code store} or {@code broker}), so that each can be paused or
 * stopped alone; the infra image runs both in one JVM ({@link #main} without an argument), and the
 * shared Quarkus test resource runs both in-process.
 */
public final class LocalInfra implements AutoCloseable {

    private final InfraSettings settings;
    private final KafkaBroker broker;
    private final MongoStore store;

    /** The broker and the store. */
    public LocalInfra(InfraSettings settings) {
        this(settings, true, true);
    }

    private LocalInfra(InfraSettings settings, boolean withStore, boolean withBroker) {
        this.settings = settings;
        this.broker = withBroker ? new KafkaBroker(settings) : null;
        this.store = withStore ? new MongoStore(settings) : null;
    }

    /** The MongoDB-wire store alone. */
    public static LocalInfra storeOnly(InfraSettings settings) {
        return new LocalInfra(settings, true, false);
    }

    /** The Kafka broker alone, with its principals, ACLs and the catalogue's topics. */
    public static LocalInfra brokerOnly(InfraSettings settings) {
        return new LocalInfra(settings, false, true);
    }

    public InfraSettings settings() {
        return settings;
    }

    public LocalInfra start() throws Exception {
        if (store != null) {
            store.start();
        }
        if (broker == null) {
            return this;
        }
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
        if (broker != null) {
            broker.stop();
        }
        if (store != null) {
            store.stop();
        }
    }

    /**
     * {@code LocalInfra store}: the store alone; {@code LocalInfra broker}: the broker alone; no argument: both
     * (the infra image). Prints one line with {@code READY} once it serves ({@code local store READY ...},
     * {@code local broker READY ...}, {@code local infra READY ...}), which the launcher and the image's
     * healthcheck wait for.
     */
    public static void main(String[] args) throws Exception {
        InfraSettings settings = InfraSettings.fromEnvironment(Path.of(".platform", "data"));
        String part = args.length == 0 ? "infra" : args[0];
        LocalInfra infra = switch (part) {
            case "store" -> storeOnly(settings);
            case "broker" -> brokerOnly(settings);
            case "infra" -> new LocalInfra(settings);
            default -> {
                System.err.println("usage: LocalInfra [store|broker]   (no argument: both in this JVM)");
                System.exit(2);
                yield null;
            }
        };
        long started = System.nanoTime();
        infra.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local " + part + ": stopping");
            infra.close();
            System.out.println("local " + part + ": stopped");
        }, part + "-shutdown"));
        System.out.printf("local %s READY in %d ms:%s%s data=%s%n", part,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                infra.broker == null ? "" : " kafka=" + settings.kafkaBootstrap(),
                infra.store == null ? "" : " mongo=" + settings.mongoConnectionString(), settings.dataDir().toAbsolutePath());
        Thread.currentThread().join();
    }
}
