package org.susong.infra.local;

import java.nio.file.Path;

/**
 * Where the local infra keeps its data and which addresses it binds and advertises. Containers
 * on a Docker bridge need {@code bindHost=0.0.0.0} and an advertised host they can reach
 * (e.g. the bridge gateway 172.17.0.1), which the host reaches too. With {@code kafkaSecrets} (the
 * file of {@link BrokerCredentials}) the broker authenticates every client (SASL/SCRAM) and
 * authorises it by the ACLs of {@link BrokerAccess}; without it (the Quarkus tests) it is plaintext.
 */
public record InfraSettings(Path dataDir, String bindHost, String advertisedHost, int kafkaPort, int controllerPort,
                            int mongoPort, boolean durableStore, Path kafkaSecrets) {

    /** A plaintext broker (no authentication, no ACLs): the Quarkus tests' default. */
    public InfraSettings(Path dataDir, String bindHost, String advertisedHost, int kafkaPort, int controllerPort,
                         int mongoPort, boolean durableStore) {
        this(dataDir, bindHost, advertisedHost, kafkaPort, controllerPort, mongoPort, durableStore, null);
    }

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_MONGO_PORT = 27017;

    /** From system properties or environment (SUSONG_INFRA_*), with the defaults of the run command. */
    public static InfraSettings fromEnvironment(Path defaultDataDir) {
        return new InfraSettings(
                Path.of(setting("data-dir", defaultDataDir.toString())),
                setting("bind-host", "127.0.0.1"),
                setting("advertised-host", setting("bind-host", "127.0.0.1").equals("0.0.0.0") ? "127.0.0.1"
                        : setting("bind-host", "127.0.0.1")),
                Integer.parseInt(setting("kafka-port", String.valueOf(DEFAULT_KAFKA_PORT))),
                Integer.parseInt(setting("controller-port", String.valueOf(DEFAULT_CONTROLLER_PORT))),
                Integer.parseInt(setting("mongo-port", String.valueOf(DEFAULT_MONGO_PORT))),
                Boolean.parseBoolean(setting("durable-store", "true")),
                setting("kafka-secrets", "").isBlank() ? null : Path.of(setting("kafka-secrets", "")));
    }

    /** The same broker and store with SASL/SCRAM and ACLs, passwords in {@code secrets}. */
    public InfraSettings withKafkaSecrets(Path secrets) {
        return new InfraSettings(dataDir, bindHost, advertisedHost, kafkaPort, controllerPort, mongoPort, durableStore, secrets);
    }

    /** Whether clients must authenticate (SASL/SCRAM) and are authorised by ACLs. */
    public boolean secured() {
        return kafkaSecrets != null;
    }

    /** {@code susong.infra.<key>} system property, else {@code SUSONG_INFRA_<KEY>} variable, else the default. */
    static String setting(String key, String fallback) {
        String property = System.getProperty("susong.infra." + key);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = System.getenv("SUSONG_INFRA_" + key.toUpperCase().replace('-', '_'));
        return variable == null || variable.isBlank() ? fallback : variable;
    }

    public String kafkaBootstrap() {
        return advertisedHost + ":" + kafkaPort;
    }

    public String mongoConnectionString() {
        return "mongodb://" + advertisedHost + ":" + mongoPort;
    }
}
