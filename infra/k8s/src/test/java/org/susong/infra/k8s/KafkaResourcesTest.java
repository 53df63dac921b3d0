package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.TopicCatalogue;

/** Kafka the way Strimzi runs it (issue 17 item 2), checked with Strimzi's own model (io.strimzi:api). */
class KafkaResourcesTest {

    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (Boolean.getBoolean("susong.k8s.regenerate")) {
            KafkaResources.write(Manifests.SOURCE);
            KafkaResources.write(Manifests.TREE); // the copy the tests read
        }
    }

    @Test
    void theClusterIsKraftWithThreeBrokersReplicationThreeMinInsyncTwoScramOverTlsAndKafkaExporter() {
        Kafka kafka = Manifests.get(Kafka.class, KafkaResources.CLUSTER);
        List<KafkaNodePool> pools = Manifests.all(KafkaNodePool.class);
        int brokers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        int controllers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertEquals(3, brokers, "brokers");
        assertEquals(3, controllers, "KRaft controllers (no ZooKeeper: kafka.spec.zookeeper unset)");
        assertEquals(null, kafka.getSpec().getZookeeper(), "KRaft, no ZooKeeper");
        pools.forEach(p -> assertEquals(KafkaResources.CLUSTER, p.getMetadata().getLabels().get("strimzi.io/cluster"),
                p.getMetadata().getName() + " belongs to the cluster"));
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertEquals(3, config.get("default.replication.factor"));
        assertEquals(2, config.get("min.insync.replicas"));
        assertEquals(3, config.get("offsets.topic.replication.factor"));
        assertEquals(false, config.get("auto.create.topics.enable"), "topics come from the KafkaTopics only");
        Object offsetsRetention = config.get("offsets.retention.minutes");
        assertTrue(offsetsRetention instanceof Number && ((Number) offsetsRetention).longValue() >= 10L * 365 * 24 * 60,
                "an empty group's offsets (the dead-letter replay's <service>.dlq-replay) are kept 10 years, not Kafka's"
                        + " default of 7 days: offsets.retention.minutes = " + offsetsRetention);
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().get(0);
        assertEquals(1, kafka.getSpec().getKafka().getListeners().size(), "one listener: TLS with SCRAM-SHA-512");
        assertTrue(listener.isTls(), "TLS");
        assertTrue(listener.getAuth() instanceof KafkaListenerAuthenticationScramSha512, "SCRAM-SHA-512");
        assertEquals("simple", kafka.getSpec().getKafka().getAuthorization().getType(), "the KafkaUsers' ACLs apply");
        assertNotNull(kafka.getSpec().getKafkaExporter(), "Kafka Exporter (consumer-group lag)");
        assertNotNull(kafka.getSpec().getEntityOperator().getTopicOperator(), "the Topic Operator applies the KafkaTopics");
        assertNotNull(kafka.getSpec().getEntityOperator().getUserOperator(), "the User Operator applies the KafkaUsers");
    }

    @Test
    void theCommittedKafkaTopicsAreTheCatalogueAndNoOthers() {
        assertSameObjects(KafkaResources.topics(), Manifests.all(KafkaTopic.class), "topics.yaml");
        for (KafkaTopic topic : Manifests.all(KafkaTopic.class)) {
            assertEquals(KafkaResources.CLUSTER, topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(3, topic.getSpec().getReplicas(), topic.getMetadata().getName());
            if (topic.getSpec().getTopicName().endsWith(".events") || topic.getSpec().getTopicName().endsWith(".dlq")
                    || topic.getSpec().getTopicName().endsWith(".replay")) {
                assertEquals(-1L, ((Number) topic.getSpec().getConfig().get("retention.ms")).longValue(),
                        topic.getSpec().getTopicName() + " is kept forever");
            }
        }
    }

    @Test
    void theCatalogueTableOfEventsMdIsTheCatalogue() throws IOException {
        // | `applications.events` | 6 | forever | ...   and   | `<service>.dlq` (one per service) | 1 | forever | ... (also .replay)
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)`[^|]*\\| (\\d+) \\| (\\w+) \\|")
                .matcher(Files.readString(Manifests.ROOT.resolve("docs/events.md")).split("## Event types")[0]);
        while (row.find()) {
            List<String> names = row.group(1).startsWith("<service>.") // one row for a topic per service
                    ? Manifests.SERVICES.stream().map(s -> s + row.group(1).substring("<service>".length())).toList()
                    : List.of(row.group(1));
            names.forEach(n -> documented.put(n, row.group(2) + " " + row.group(3)));
        }
        Map<String, String> catalogue = new TreeMap<>();
        TopicCatalogue.load().topics().values().forEach(t -> catalogue.put(t.name(), t.partitions() + " "
                + (t.retentionMs() == -1 ? "forever" : t.retentionMs() + "ms")));
        assertEquals(catalogue, documented, "docs/events.md's topic table and topics.properties differ");
    }

    @Test
    void theCommittedKafkaUsersCarryTheBrokersAclsOnePerServiceAndOps() {
        assertSameObjects(KafkaResources.users(), Manifests.all(KafkaUser.class), "users.yaml");
        List<String> names = Manifests.all(KafkaUser.class).stream().map(u -> u.getMetadata().getName()).toList();
        Manifests.SERVICES.forEach(s -> assertTrue(names.contains(s), "a KafkaUser " + s));
        assertTrue(names.contains("ops"), "a KafkaUser ops (audit reads, dead-letter replays)");
    }

    private static void assertSameObjects(List<? extends HasMetadata> expected, List<? extends HasMetadata> committed,
            String file) {
        String hint = "base/kafka/" + file + " differs from its source; rewrite it with "
                + "./mvnw -pl infra/k8s -am verify -Dtest=KafkaResourcesTest -Dsurefire.failIfNoSpecifiedTests=false -Dsusong.k8s.regenerate=true";
        assertEquals(trees(expected), trees(committed), hint);
    }

    private static Map<String, JsonNode> trees(List<? extends HasMetadata> objects) {
        // through text, so that a number read from YAML (int) and one built in Java (long) compare equal
        return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), o -> {
            try {
                return Manifests.YAML.readTree(Manifests.YAML.writeValueAsString(o));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, (a, b) -> a, TreeMap::new));
    }
}
