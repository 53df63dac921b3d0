package org.susong.containers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The platform from images alone: the local infra image (broker + store) on its own Docker
 * network under the alias {@value #INFRA_ALIAS}, and the five service images configured only
 * through environment variables, each publishing its HTTP port. Kafka advertises the alias, which
 * every container on the network resolves; the test JVM talks to the services only over their
 * published ports. Closing stops the services first, then the infra, then removes the network.
 */
final class ContainerPlatform implements AutoCloseable {

    static final String INFRA_ALIAS = "infra";
    /** Not the services' default ports, so a ready service proves it read QUARKUS_HTTP_PORT. */
    static final int HTTP_PORT = 9000;
    /**
     * Health and metrics: the management interface (issue 23 item 12), not Quarkus' 9000 (taken by HTTP_PORT here), so
     * a ready service proves it read QUARKUS_MANAGEMENT_PORT and the image's HEALTHCHECK follows it.
     */
    static final int MANAGEMENT_PORT = 9001;
    static final String JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final List<String> SERVICES = List.of("applications", "eligibility", "payments", "tech-contracts",
            "fund-investments");

    private final String tag = System.getProperty("susong.image.tag", "local");
    private final Network network = Network.newNetwork();
    private GenericContainer<?> infra;
    /** -Dsusong.infra=official: the official Kafka and MongoDB images instead of the local infra image. */
    static final boolean OFFICIAL = "official".equals(System.getProperty("susong.infra", "local"));
    private final List<GenericContainer<?>> officialInfra = new ArrayList<>();
    private final Map<String, GenericContainer<?>> services = new LinkedHashMap<>();
    private final Map<String, Long> readyMillis = new LinkedHashMap<>();

    ContainerPlatform start() {
        try {
            if (OFFICIAL) {
                startOfficialInfra();
            } else {
                infra = new GenericContainer<>(image("infra-local"))
                        .withNetwork(network)
                        .withNetworkAliases(INFRA_ALIAS)
                        .withEnv("SUSONG_INFRA_ADVERTISED_HOST", INFRA_ALIAS)
                        .withEnv("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC")
                        .waitingFor(Wait.forLogMessage(".*local infra READY.*", 1)
                                .withStartupTimeout(Duration.ofSeconds(120)));
                readyMillis.put("infra-local", timed(infra));
            }
            // one at a time, so each figure is a service's own start -> ready on an otherwise idle machine
            for (String name : SERVICES) {
                GenericContainer<?> service = new GenericContainer<>(image(name))
                        .withNetwork(network)
                        .withEnv("QUARKUS_PROFILE", "local")
                        .withEnv("QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT))
                        .withEnv("QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT))
                        .withEnv("KAFKA_BOOTSTRAP_SERVERS", OFFICIAL ? "kafka:9092" : INFRA_ALIAS + ":9092")
                        .withEnv("QUARKUS_MONGODB_CONNECTION_STRING", OFFICIAL ? "mongodb://mongo:27017/?replicaSet=rs0"
                                : "mongodb://" + INFRA_ALIAS + ":27017")
                        .withEnv("JAVA_OPTS", JAVA_OPTS)
                        .withExposedPorts(HTTP_PORT, MANAGEMENT_PORT)
                        .waitingFor(Wait.forHttp("/q/health/ready").forPort(MANAGEMENT_PORT).forStatusCode(200)
                                .withReadTimeout(Duration.ofSeconds(2)).withStartupTimeout(Duration.ofSeconds(120)));
                services.put(name, service);
                readyMillis.put(name, timed(service));
            }
            return this;
        } catch (Exception e) {
            dumpLogs();
            close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * For users with a registry ({@code -Dsusong.infra=official}): the official Kafka and MongoDB
     * images as docker-compose.yml runs them - KRaft broker with auto-creation off and the
     * catalogue's topics created by infra/kafka/create-topics.sh, a single-node replica set.
     * Not run on the project's own machines (no registry there).
     */
    private void startOfficialInfra() throws Exception {
        Path root = Path.of(System.getProperty("susong.root", "../..")).toAbsolutePath().normalize();
        GenericContainer<?> kafka = new GenericContainer<>(DockerImageName.parse(System.getProperty("susong.kafka.image",
                "apache/kafka:4.1.1")))
                .withNetwork(network)
                .withNetworkAliases("kafka")
                .withEnv(Map.ofEntries(Map.entry("KAFKA_NODE_ID", "1"),
                        Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
                        Map.entry("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093"),
                        Map.entry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092"),
                        Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
                        Map.entry("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                        Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093"),
                        Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"),
                        Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1"),
                        Map.entry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"),
                        Map.entry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")))
                .withCopyFileToContainer(MountableFile.forHostPath(root.resolve(
                        "services/commons/src/main/resources/org/susong/commons/messaging/topics.properties")),
                        "/tmp/catalogue/topics.properties")
                .withCopyFileToContainer(MountableFile.forHostPath(root.resolve("infra/kafka/create-topics.sh")),
                        "/tmp/catalogue/create-topics.sh")
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
        officialInfra.add(kafka);
        long started = System.nanoTime();
        kafka.start();
        Container.ExecResult topics = kafka.execInContainer("bash", "-c",
                "BOOTSTRAP=localhost:9092 bash /tmp/catalogue/create-topics.sh /tmp/catalogue/topics.properties");
        if (topics.getExitCode() != 0) {
            throw new IllegalStateException("creating the topics failed: " + topics.getStdout() + topics.getStderr());
        }
        readyMillis.put("kafka (official)", (System.nanoTime() - started) / 1_000_000);

        GenericContainer<?> mongo = new GenericContainer<>(DockerImageName.parse(System.getProperty("susong.mongo.image",
                "mongo:8.0")))
                .withNetwork(network)
                .withNetworkAliases("mongo")
                .withCommand("--replSet", "rs0", "--bind_ip_all")
                .waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
        officialInfra.add(mongo);
        started = System.nanoTime();
        mongo.start();
        Container.ExecResult initiated = mongo.execInContainer("mongosh", "--quiet", "--eval",
                "rs.initiate({_id: 'rs0', members: [{_id: 0, host: 'mongo:27017'}]}).ok; "
                        + "while (!db.hello().isWritablePrimary) { sleep(200); } print('primary')");
        if (!initiated.getStdout().contains("primary")) {
            throw new IllegalStateException("the replica set did not elect a primary: " + initiated.getStdout()
                    + initiated.getStderr());
        }
        readyMillis.put("mongo (official)", (System.nanoTime() - started) / 1_000_000);
    }

    private DockerImageName image(String name) {
        return DockerImageName.parse("susong/" + name + ":" + tag);
    }

    private static long timed(GenericContainer<?> container) {
        long started = System.nanoTime();
        container.start();
        return (System.nanoTime() - started) / 1_000_000;
    }

    Map<String, Long> readyMillis() {
        return readyMillis;
    }

    GenericContainer<?> service(String name) {
        return services.get(name);
    }

    String baseUri(String name) {
        GenericContainer<?> service = services.get(name);
        return "http://" + service.getHost() + ":" + service.getMappedPort(HTTP_PORT);
    }

    void dumpLogs() {
        List<GenericContainer<?>> all = new ArrayList<>(services.values());
        if (infra != null) {
            all.add(infra);
        }
        all.addAll(officialInfra);
        for (GenericContainer<?> container : all) {
            if (container.getContainerId() != null) {
                String logs = container.getLogs();
                System.out.println("---- logs of " + container.getDockerImageName() + " (last 4000 characters)\n"
                        + logs.substring(Math.max(0, logs.length() - 4000)));
            }
        }
    }

    /** Services first (each waited for by {@code stop}), then broker and store, then the network. */
    @Override
    public void close() {
        List<GenericContainer<?>> running = new ArrayList<>(services.values());
        java.util.Collections.reverse(running);
        running.forEach(ContainerPlatform::quietlyStop);
        services.clear();
        if (infra != null) {
            quietlyStop(infra);
            infra = null;
        }
        officialInfra.forEach(ContainerPlatform::quietlyStop);
        officialInfra.clear();
        try {
            network.close();
        } catch (RuntimeException e) {
            System.out.println("could not remove the test network: " + e);
        }
    }

    private static void quietlyStop(GenericContainer<?> container) {
        try {
            container.stop();
        } catch (RuntimeException e) {
            System.out.println("could not stop " + container.getDockerImageName() + ": " + e);
        }
    }
}
