package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.TopicCatalogue;
import org.susong.infra.local.BrokerAccess;
import org.susong.infra.local.BrokerCredentials;

/**
 * {@code ./platform audit} and {@code ./platform replay} in the cluster (issue 17, base/ops): the Java entry points of
 * infra/local in its image, each Job with its own KafkaUser over the brokers' TLS listener, holding only the ACLs its
 * tool needs, all within the local platform's ops principal's.
 */
class OpsJobsTest {

    static final String AUDIT_USER = "susong-ops-audit";
    static final String REPLAY_USER = "susong-ops-replay";
    static final Set<String> USERS = Set.of(AUDIT_USER, REPLAY_USER);
    static final String IMAGE = "susong/infra-local:";
    static final String CLASSPATH = "/opt/susong/infra/*:/opt/susong/infra/lib/*";

    @Test
    void theAuditRunsHourlyAsTheAuditEntryPointAgainstEveryServiceAndTheTlsListenerWithItsOwnUser() {
        CronJob audit = Manifests.get(CronJob.class, "susong-audit");
        assertTrue(audit.getSpec().getSuspend() == null || !audit.getSpec().getSuspend(), "the audit runs on its schedule");
        assertEquals("Forbid", audit.getSpec().getConcurrencyPolicy());
        assertEquals(0, audit.getSpec().getJobTemplate().getSpec().getBackoffLimit(), "a breach fails the Job, not retried");
        Container c = container(audit);
        assertEquals(List.of("org.susong.infra.local.Audit"), c.getCommand().subList(c.getCommand().size() - 1,
                c.getCommand().size()), "./platform audit's entry point");
        javaOnTheInfraImage(c);
        for (String service : Manifests.SERVICES) {
            Service svc = Manifests.get(Service.class, service);
            int port = svc.getSpec().getPorts().stream().filter(p -> p.getName().equals("http")).findFirst().orElseThrow().getPort();
            assertEquals(80, port, service + "'s Service answers its API on port 80");
            assertTrue(c.getArgs().contains("--" + service + "=http://" + service), service + " is audited: " + c.getArgs());
        }
        assertEquals(Manifests.SERVICES.size(), c.getArgs().size(), "only the services' URLs: " + c.getArgs());
        tlsListenerAs(c, AUDIT_USER);
        assertEquals("oidc-auth-server-url", env(c, "QUARKUS_OIDC_AUTH_SERVER_URL").getValueFrom().getConfigMapKeyRef().getKey(),
                "the identity provider the services trust");
        assertEquals("susong-ops-client", env(c, "SUSONG_OPS_CLIENT_SECRET").getValueFrom().getSecretKeyRef().getName(),
                "the ops client's secret: the audit asks its own token");
    }

    @Test
    void oneSuspendedReplayPerServiceRunsTheReplayEntryPointOnItsDeadLetterTopicWithItsOwnUser() {
        for (String service : Manifests.SERVICES) {
            CronJob replay = Manifests.get(CronJob.class, "susong-replay-" + service);
            assertEquals(Boolean.TRUE, replay.getSpec().getSuspend(), "run by hand only (kubectl create job --from)");
            Container c = container(replay);
            assertEquals("org.susong.infra.local.DeadLetterReplay", c.getCommand().get(c.getCommand().size() - 1));
            javaOnTheInfraImage(c);
            assertEquals(List.of(service + ".dlq", "$(KAFKA_BOOTSTRAP_SERVERS)"), c.getArgs());
            assertTrue(TopicCatalogue.load().topics().containsKey(service + ".dlq"), service + ".dlq is a catalogue topic");
            tlsListenerAs(c, REPLAY_USER);
        }
        assertEquals(1 + Manifests.SERVICES.size(), Manifests.all(CronJob.class).size(), "the audit and one replay per service");
    }

    @Test
    void theOpsUsersHoldTheLeastAclsTheirToolsNeedAllWithinTheLocalOpsPrincipals() {
        Set<String> audit = new TreeSet<>();
        Set<String> replay = new TreeSet<>();
        for (String service : Manifests.SERVICES) {
            audit.add("topic " + service + ".dlq Read"); // listTopics, describeTopics, the dead letters (no group)
            audit.add("group " + service + ".dlq-replay Describe"); // how far a replay got: commits nothing
            replay.add("topic " + service + ".dlq Read");
            replay.add("topic " + TopicCatalogue.replayTopic(service) + " Write");
            replay.add("group " + service + ".dlq-replay Read"); // commits its progress
        }
        assertEquals(audit, acls(Manifests.get(KafkaUser.class, AUDIT_USER)), AUDIT_USER);
        assertEquals(replay, acls(Manifests.get(KafkaUser.class, REPLAY_USER)), REPLAY_USER);

        Set<String> ops = BrokerAccess.bindings().stream()
                .filter(b -> b.entry().principal().equals("User:" + BrokerCredentials.OPS))
                .filter(b -> b.pattern().patternType() == PatternType.LITERAL)
                .map(OpsJobsTest::acl).collect(Collectors.toCollection(TreeSet::new));
        for (String acl : union(audit, replay)) {
            String[] parts = acl.split(" ");
            boolean covered = ops.contains(acl) || parts[2].equals("Describe")
                    && (ops.contains(parts[0] + " " + parts[1] + " Read") || ops.contains(parts[0] + " " + parts[1] + " Write"));
            assertTrue(covered, acl + " is more than the local ops principal may: " + ops);
            assertTrue(!parts[1].endsWith(".events"), "no ops Job reads or writes an event topic: " + acl);
        }
    }

    @Test
    void theJobsPodsReachTheListenerTheServicesApiTheIdentityProviderAndDnsAndAreAdmittedThere() {
        Kafka kafka = Manifests.get(Kafka.class, KafkaResources.CLUSTER);
        GenericKafkaListener tls = kafka.getSpec().getKafka().getListeners().get(0);
        assertTrue(tls.getNetworkPolicyPeers().stream().anyMatch(p -> p.getPodSelector() != null
                && Map.of("app.kubernetes.io/name", "susong-ops").equals(p.getPodSelector().getMatchLabels())),
                "the listener's NetworkPolicy (Strimzi's) admits the ops pods");
        NetworkPolicy ops = Manifests.get(NetworkPolicy.class, "susong-ops");
        for (CronJob job : Manifests.all(CronJob.class)) {
            assertTrue(WorkloadsTest.selects(ops.getSpec().getPodSelector(),
                    job.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels()),
                    job.getMetadata().getName() + "'s pods are under the ops NetworkPolicy");
        }
        Set<String> egress = new TreeSet<>();
        ops.getSpec().getEgress().forEach(rule -> rule.getTo().forEach(peer -> rule.getPorts().forEach(port ->
                egress.add(WorkloadsTest.peer(peer) + " -> " + (port.getPort().getStrVal() != null
                        ? port.getPort().getStrVal() : port.getPort().getIntVal())))));
        assertEquals(Set.of(WorkloadsTest.KAFKA + " -> " + tls.getPort(),
                "pods {app.kubernetes.io/managed-by=quarkus, app.kubernetes.io/part-of=susong} -> http",
                WorkloadsTest.IDENTITY_PROVIDER + " -> 8443", WorkloadsTest.DNS + " -> 53"), egress);
        assertEquals(List.of(), ops.getSpec().getIngress(), "nothing reaches the Jobs");
    }

    @Test
    void theImageTheJobsRunHoldsTheInfraJarAndItsLibrariesWhereTheClassPathLooks() throws IOException {
        String dockerfile = Files.readString(Manifests.ROOT.resolve("infra/local/src/main/docker/Dockerfile.jvm"));
        assertTrue(dockerfile.contains("target/lib/ /opt/susong/infra/lib/"), "the libraries in /opt/susong/infra/lib");
        assertTrue(dockerfile.contains("target/susong-infra-local-*.jar /opt/susong/infra/"), "the jar in /opt/susong/infra");
        String images = Files.readString(Manifests.ROOT.resolve("infra/docker/build-images.sh"));
        assertTrue(images.contains("build infra-local infra/local"), "build-images.sh builds susong/infra-local");
    }

    private static void javaOnTheInfraImage(Container c) {
        assertTrue(c.getImage().startsWith(IMAGE), c.getImage());
        assertEquals("java", c.getCommand().get(0));
        int cp = c.getCommand().indexOf("-cp");
        assertEquals(CLASSPATH, c.getCommand().get(cp + 1));
        assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(c.getResources().getLimits().containsKey("memory"), "a memory limit");
    }

    /** The KAFKA_* environment a service's Deployment has too, with the Job's own KafkaUser and the cluster CA. */
    private static void tlsListenerAs(Container c, String user) {
        Kafka kafka = Manifests.get(Kafka.class, KafkaResources.CLUSTER);
        GenericKafkaListener tls = kafka.getSpec().getKafka().getListeners().get(0);
        assertEquals(KafkaResources.CLUSTER + "-kafka-bootstrap:" + tls.getPort(), env(c, "KAFKA_BOOTSTRAP_SERVERS").getValue());
        assertEquals("SASL_SSL", env(c, "KAFKA_SECURITY_PROTOCOL").getValue());
        assertEquals("SCRAM-SHA-512", env(c, "KAFKA_SASL_MECHANISM").getValue());
        var jaas = env(c, "KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
        assertEquals(user, jaas.getName(), "its own user's Secret");
        assertEquals("sasl.jaas.config", jaas.getKey());
        KafkaUser kafkaUser = Manifests.get(KafkaUser.class, user);
        assertTrue(kafkaUser.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication);
        assertEquals(KafkaResources.CLUSTER, kafkaUser.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals("PEM", env(c, "KAFKA_SSL_TRUSTSTORE_TYPE").getValue());
        String ca = env(c, "KAFKA_SSL_TRUSTSTORE_LOCATION").getValue();
        PodSpec pod = ((CronJob) Manifests.base().values().stream().filter(CronJob.class::isInstance)
                .filter(j -> ((CronJob) j).getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers()
                        .contains(c)).findFirst().orElseThrow()).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        String volume = c.getVolumeMounts().stream().filter(m -> ca.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("the CA " + ca + " is mounted")).getName();
        assertEquals("susong-cluster-ca-cert", pod.getVolumes().stream().filter(v -> v.getName().equals(volume))
                .findFirst().orElseThrow().getSecret().getSecretName(), "Strimzi's cluster CA");
    }

    private static Container container(CronJob job) {
        List<Container> containers = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no " + name));
    }

    private static Set<String> acls(KafkaUser user) {
        Set<String> acls = new TreeSet<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            String type;
            String name;
            AclResourcePatternType pattern;
            if (rule.getResource() instanceof AclRuleTopicResource t) {
                type = "topic";
                name = t.getName();
                pattern = t.getPatternType();
            } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                type = "group";
                name = g.getName();
                pattern = g.getPatternType();
            } else {
                throw new AssertionError("an ops user has only topic and group ACLs: " + rule.getResource());
            }
            assertEquals(AclResourcePatternType.LITERAL, pattern, "no prefix: " + name);
            rule.getOperations().forEach(op -> acls.add(type + " " + name + " " + op.toValue()));
        }
        return acls;
    }

    private static String acl(AclBinding b) {
        String op = b.entry().operation() == AclOperation.READ ? "Read" : b.entry().operation() == AclOperation.WRITE
                ? "Write" : b.entry().operation() == AclOperation.DESCRIBE ? "Describe" : b.entry().operation().name();
        return b.pattern().resourceType().name().toLowerCase() + " " + b.pattern().name() + " " + op;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
