package org.susong.infra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process). The log
 * directory is formatted once; data and committed offsets survive a restart.
 */
final class KafkaBroker {

    private final InfraSettings settings;
    private KafkaRaftServer server;

    KafkaBroker(InfraSettings settings) {
        this.settings = settings;
    }

    void start() throws Exception {
        Path logDir = settings.dataDir().resolve("kafka");
        Files.createDirectories(logDir);
        KafkaConfig config = KafkaConfig.fromProps(properties(logDir), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(java.util.List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    private Properties properties(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + settings.controllerPort());
        // secured (./platform run): SASL on both listeners and the ACLs of BrokerAccess; else plaintext (Quarkus tests)
        String protocol = settings.secured() ? "SASL_PLAINTEXT" : "PLAINTEXT";
        p.put("listeners", "BROKER://" + settings.bindHost() + ":" + settings.kafkaPort()
                + ",CONTROLLER://127.0.0.1:" + settings.controllerPort());
        p.put("advertised.listeners", "BROKER://" + settings.advertisedHost() + ":" + settings.kafkaPort());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "BROKER");
        p.put("listener.security.protocol.map", "BROKER:" + protocol + ",CONTROLLER:" + protocol);
        if (settings.secured()) {
            p.putAll(BrokerAccess.brokerProperties(BrokerCredentials.loadOrCreate(settings.kafkaSecrets())));
        }
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        // one node: every internal topic has one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // topics come from the catalogue only (architecture rule 7, docs/architecture.md#rule-7)
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
