package org.susong.infra.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimpleBuilder;
import io.strimzi.api.kafka.model.user.KafkaUserBuilder;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResourceBuilder;
import io.strimzi.api.kafka.model.user.acl.AclRuleResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResourceBuilder;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.susong.commons.messaging.TopicCatalogue;
import org.susong.infra.local.BrokerAccess;

/**
 * The generator of base/kafka/topics.yaml and base/kafka/users.yaml, so that neither can drift from its source:
 * one KafkaTopic per entry of the topic catalogue (commons topics.properties, which docs/events.md tabulates), and one
 * KafkaUser per principal of the broker's ACLs ({@link BrokerAccess#bindings()}, what ./platform run's broker enforces,
 * issue 13; the portal's among them) with exactly those ACLs. KafkaResourcesTest compares the committed files with
 * these; to rewrite them:
 * {@code ./mvnw -pl infra/k8s -am verify -Dtest=KafkaResourcesTest -Dsurefire.failIfNoSpecifiedTests=false -Dsusong.k8s.regenerate=true}.
 */
final class KafkaResources {

    static final String CLUSTER = "susong";
    static final int REPLICAS = 3;
    static final int MIN_INSYNC_REPLICAS = 2;

    private KafkaResources() {
    }

    static List<KafkaTopic> topics() {
        List<KafkaTopic> topics = new ArrayList<>();
        for (TopicCatalogue.Topic topic : new TreeMap<>(TopicCatalogue.load().topics()).values()) {
            Map<String, Object> config = new TreeMap<>();
            config.put("retention.ms", topic.retentionMs());
            config.put("cleanup.policy", "delete");
            config.put("min.insync.replicas", MIN_INSYNC_REPLICAS);
            topics.add(new KafkaTopicBuilder()
                    .withNewMetadata().withName(topic.name()).addToLabels("strimzi.io/cluster", CLUSTER).endMetadata()
                    .withNewSpec().withTopicName(topic.name()).withPartitions(topic.partitions()).withReplicas(REPLICAS)
                    .withConfig(config).endSpec()
                    .build());
        }
        return topics;
    }

    static List<KafkaUser> users() {
        Map<String, List<AclRule>> byPrincipal = new TreeMap<>();
        List<AclBinding> bindings = new ArrayList<>(BrokerAccess.bindings());
        bindings.sort(Comparator.comparing((AclBinding b) -> b.entry().principal())
                .thenComparing(b -> b.pattern().resourceType().name()).thenComparing(b -> b.pattern().name())
                .thenComparing(b -> b.entry().operation().name()));
        for (AclBinding binding : bindings) {
            String principal = binding.entry().principal().substring("User:".length());
            byPrincipal.computeIfAbsent(principal, p -> new ArrayList<>()).add(rule(binding));
        }
        List<KafkaUser> users = new ArrayList<>();
        byPrincipal.forEach((principal, acls) -> users.add(new KafkaUserBuilder()
                .withNewMetadata().withName(principal).addToLabels("strimzi.io/cluster", CLUSTER).endMetadata()
                .withNewSpec()
                .withAuthentication(new KafkaUserScramSha512ClientAuthentication())
                .withAuthorization(new KafkaUserAuthorizationSimpleBuilder().withAcls(acls).build())
                .endSpec()
                .build()));
        return users;
    }

    private static AclRule rule(AclBinding binding) {
        AclResourcePatternType pattern = binding.pattern().patternType() == PatternType.PREFIXED
                ? AclResourcePatternType.PREFIX : AclResourcePatternType.LITERAL;
        AclRuleResource resource;
        if (binding.pattern().resourceType() == ResourceType.TOPIC) {
            resource = new AclRuleTopicResourceBuilder().withName(binding.pattern().name()).withPatternType(pattern).build();
        } else if (binding.pattern().resourceType() == ResourceType.GROUP) {
            resource = new AclRuleGroupResourceBuilder().withName(binding.pattern().name()).withPatternType(pattern).build();
        } else {
            throw new IllegalStateException("no KafkaUser form for " + binding);
        }
        AclRule rule = new AclRule();
        rule.setType(AclRuleType.ALLOW);
        rule.setResource(resource);
        rule.setHost(binding.entry().host());
        rule.setOperations(List.of(AclOperation.valueOf(binding.entry().operation().name())));
        return rule;
    }

    static String render(String header, List<? extends HasMetadata> objects) {
        StringBuilder yaml = new StringBuilder(header);
        for (HasMetadata object : objects) {
            String doc = Manifests.SERIALIZATION.asYaml(object);
            yaml.append(doc.startsWith("---") ? doc : "---\n" + doc);
        }
        return yaml.toString();
    }

    static String topicsYaml() {
        return render("""
                # GENERATED from the topic catalogue (services/commons/.../messaging/topics.properties) by KafkaResources:
                # do not edit; KafkaResourcesTest fails when this file and the catalogue differ.
                # ./mvnw -pl infra/k8s -am verify -Dtest=KafkaResourcesTest -Dsurefire.failIfNoSpecifiedTests=false -Dsusong.k8s.regenerate=true rewrites it.
                """, topics());
    }

    static String usersYaml() {
        return render("""
                # GENERATED from the broker's ACLs (infra/local BrokerAccess.bindings(), issue 13) by KafkaResources:
                # do not edit; KafkaResourcesTest fails when this file and the ACLs differ. Strimzi's User Operator makes
                # each user's Secret (same name: password, sasl.jaas.config), which the service's Deployment reads.
                # ./mvnw -pl infra/k8s -am verify -Dtest=KafkaResourcesTest -Dsurefire.failIfNoSpecifiedTests=false -Dsusong.k8s.regenerate=true rewrites it.
                """, users());
    }

    static void write(Path source) throws IOException {
        Files.writeString(source.resolve("base/kafka/topics.yaml"), topicsYaml());
        Files.writeString(source.resolve("base/kafka/users.yaml"), usersYaml());
    }
}
