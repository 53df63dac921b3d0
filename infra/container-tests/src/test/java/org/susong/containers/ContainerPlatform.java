package org.susong.containers;

import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
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
 * <p>
 * {@link #withIdentityProvider()}: also the Keycloak image ({@code susong/keycloak:local}, the realm of
 * infra/keycloak imported at start) under the alias {@value #KEYCLOAK_ALIAS}, and the services with OIDC bearer
 * tokens on and the header stub off, as docker-compose.local.yml and {@code ./platform run --with-idp} run them.
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

    static final String KEYCLOAK_ALIAS = "keycloak";
    /** The issuer of every token, wherever it is asked for (Keycloak's --hostname), which the services verify. */
    static final String ISSUER = "http://" + KEYCLOAK_ALIAS + ":8080/realms/susong";

    private final String tag = System.getProperty("susong.image.tag", "local");
    private final Network network = Network.newNetwork();
    private final List<String> names;
    private GenericContainer<?> infra;
    private GenericContainer<?> keycloak;
    /** The realm's placeholders (client secrets, the demo users' password) and the master admin's, made per run. */
    private final Map<String, String> idpSecrets = new LinkedHashMap<>();
    /** -Dsusong.infra=official: the official Kafka and MongoDB images instead of the local infra image. */
    static final boolean OFFICIAL = "official".equals(System.getProperty("susong.infra", "local"));
    private final List<GenericContainer<?>> officialInfra = new ArrayList<>();
    private final Map<String, GenericContainer<?>> services = new LinkedHashMap<>();
    private final Map<String, Long> readyMillis = new LinkedHashMap<>();

    /** The five services, header stub (the local profile as it is). */
    ContainerPlatform() {
        this(SERVICES);
    }

    ContainerPlatform(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** Keycloak too, started before the services, which then take its tokens only. */
    ContainerPlatform withIdentityProvider() {
        for (String key : List.of("KC_BOOTSTRAP_ADMIN_PASSWORD", "SUSONG_PORTAL_CLIENT_SECRET", "SUSONG_OPS_CLIENT_SECRET",
                "SUSONG_DEMO_PASSWORD")) {
            idpSecrets.put(key, UUID.randomUUID().toString());
        }
        return this;
    }

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
            if (!idpSecrets.isEmpty()) {
                startKeycloak();
            }
            // one at a time, so each figure is a service's own start -> ready on an otherwise idle machine
            for (String name : names) {
                GenericContainer<?> service = new GenericContainer<>(image(name))
                        .withNetwork(network)
                        .withEnv("QUARKUS_PROFILE", "local")
                        .withEnv("QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT))
                        .withEnv("QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT))
                        .withEnv("KAFKA_BOOTSTRAP_SERVERS", OFFICIAL ? "kafka:9092" : INFRA_ALIAS + ":9092")
                        .withEnv("QUARKUS_MONGODB_CONNECTION_STRING", OFFICIAL ? "mongodb://mongo:27017/?replicaSet=rs0"
                                : "mongodb://" + INFRA_ALIAS + ":27017")
                        .withEnv("JAVA_OPTS", JAVA_OPTS)
                        .withEnv(oidcEnvironment())
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

    /**
     * The Keycloak image as docker-compose.local.yml runs it: production mode on the server augmented at image build,
     * in-memory database, the realm imported from infra/keycloak at start, the issuer fixed to {@link #ISSUER}.
     */
    private void startKeycloak() {
        Path realm = Path.of(System.getProperty("susong.root", "../..")).toAbsolutePath().normalize()
                .resolve("infra/keycloak/susong-realm.json");
        Map<String, String> env = new LinkedHashMap<>(idpSecrets);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        // build-keycloak-image.sh's name (SUSONG_KEYCLOAK_IMAGE), whatever tag the service images carry
        keycloak = new GenericContainer<>(DockerImageName.parse(System.getProperty("susong.keycloak.image",
                "susong/keycloak:local")))
                .withNetwork(network)
                .withNetworkAliases(KEYCLOAK_ALIAS)
                .withEnv(env)
                .withCommand("start", "--optimized", "--http-enabled=true", "--import-realm",
                        "--hostname=http://" + KEYCLOAK_ALIAS + ":8080")
                .withCopyFileToContainer(MountableFile.forHostPath(realm, 0644),
                        "/opt/keycloak/data/import/susong-realm.json")
                .withExposedPorts(8080, 9000)
                .waitingFor(Wait.forHttp("/health/ready").forPort(9000).forStatusCode(200)
                        .withReadTimeout(Duration.ofSeconds(2)).withStartupTimeout(Duration.ofSeconds(240)));
        readyMillis.put("keycloak", timed(keycloak));
    }

    /** OIDC on and the header stub off in the local profile (the %local forms too), when Keycloak runs. */
    private Map<String, String> oidcEnvironment() {
        if (idpSecrets.isEmpty()) {
            return Map.of();
        }
        return Map.of("SUSONG_IDENTITY_HEADER_STUB", "false", "_LOCAL_SUSONG_IDENTITY_HEADER_STUB", "false",
                "QUARKUS_OIDC_TENANT_ENABLED", "true", "_LOCAL_QUARKUS_OIDC_TENANT_ENABLED", "true",
                "QUARKUS_OIDC_AUTH_SERVER_URL", ISSUER);
    }

    /** A demo user's access token, asked for on Keycloak's published port (portal client, password grant). */
    String token(String user) {
        return RestAssured.given().baseUri("http://" + keycloak.getHost() + ":" + keycloak.getMappedPort(8080))
                .formParam("grant_type", "password").formParam("client_id", "susong-portal")
                .formParam("client_secret", idpSecrets.get("SUSONG_PORTAL_CLIENT_SECRET"))
                .formParam("username", user).formParam("password", idpSecrets.get("SUSONG_DEMO_PASSWORD"))
                .formParam("scope", "openid")
                .post("/realms/susong/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }

    /** Resident memory of everything in Keycloak's container (kc.sh and its JVM), in MB. */
    long keycloakResidentMegabytes() throws Exception {
        Container.ExecResult rss = keycloak.execInContainer("bash", "-c",
                "cat /proc/[0-9]*/status 2>/dev/null | awk '/^VmRSS/ {kb += $2} END {print int(kb / 1024)}'");
        return Long.parseLong(rss.getStdout().trim());
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

    /** Each container's start -> ready, a line each, printed and kept in target/{@code file} for the CI log. */
    String reportReadyTimes(String heading, String file, String more) throws IOException {
        String figures = readyMillis.entrySet().stream()
                .map(e -> String.format("%-17s start -> ready %6d ms", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n")) + more;
        System.out.println(heading + ":\n" + figures);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve(file), figures + "\n");
        }
        return figures;
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
        if (keycloak != null) {
            all.add(keycloak);
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

    /** Services first (each waited for by {@code stop}), then Keycloak, then broker and store, then the network. */
    @Override
    public void close() {
        List<GenericContainer<?>> running = new ArrayList<>(services.values());
        java.util.Collections.reverse(running);
        running.forEach(ContainerPlatform::quietlyStop);
        services.clear();
        if (keycloak != null) {
            quietlyStop(keycloak);
            keycloak = null;
        }
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

    /** Registered by a test class ({@code @RegisterExtension}): after a failed test, closing prints the containers' logs. */
    static final class LogsOnFailure implements TestWatcher {

        private volatile boolean failed;

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        /** Closes the platform (when there is one), with its logs first if a test failed. */
        void close(ContainerPlatform platform) {
            try (ContainerPlatform closing = platform) {
                if (closing != null && failed) {
                    closing.dumpLogs();
                }
            }
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
