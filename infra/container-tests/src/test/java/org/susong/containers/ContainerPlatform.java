package org.susong.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

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
    static final String JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final List<String> SERVICES = List.of("applications", "eligibility", "payments", "tech-contracts",
            "fund-investments");

    private final String tag = System.getProperty("susong.image.tag", "local");
    private final Network network = Network.newNetwork();
    private GenericContainer<?> infra;
    private final Map<String, GenericContainer<?>> services = new LinkedHashMap<>();
    private final Map<String, Long> readyMillis = new LinkedHashMap<>();

    ContainerPlatform start() {
        try {
            infra = new GenericContainer<>(image("infra-local"))
                    .withNetwork(network)
                    .withNetworkAliases(INFRA_ALIAS)
                    .withEnv("SUSONG_INFRA_ADVERTISED_HOST", INFRA_ALIAS)
                    .withEnv("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC")
                    .waitingFor(Wait.forLogMessage(".*local infra READY.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
            readyMillis.put("infra-local", timed(infra));
            // one at a time, so each figure is a service's own start -> ready on an otherwise idle machine
            for (String name : SERVICES) {
                GenericContainer<?> service = new GenericContainer<>(image(name))
                        .withNetwork(network)
                        .withEnv("QUARKUS_PROFILE", "local")
                        .withEnv("QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT))
                        .withEnv("KAFKA_BOOTSTRAP_SERVERS", INFRA_ALIAS + ":9092")
                        .withEnv("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://" + INFRA_ALIAS + ":27017")
                        .withEnv("JAVA_OPTS", JAVA_OPTS)
                        .withExposedPorts(HTTP_PORT)
                        .waitingFor(Wait.forHttp("/q/health/ready").forPort(HTTP_PORT).forStatusCode(200)
                                .withReadTimeout(Duration.ofSeconds(2)).withStartupTimeout(Duration.ofSeconds(120)));
                services.put(name, service);
                readyMillis.put(name, timed(service));
            }
            return this;
        } catch (RuntimeException e) {
            dumpLogs();
            close();
            throw e;
        }
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
