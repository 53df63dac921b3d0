package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reference portal's workload (issue 18, base/portal.yaml, written by hand: the portal has no quarkus-kubernetes).
 * WorkloadsTest's common checks include it (probes, resources, non-root, read-only root filesystem, disruption budget,
 * autoscaler, one NetworkPolicy); here what is the portal's own: its port, its health, the services it calls, its
 * sign-in at the identity provider (OIDC code flow, the client's secret from a Secret) and its evaluation read model
 * (the KafkaUser portal with the ACLs of its channels, the MongoDB user portal), and what its NetworkPolicy lets through.
 */
class PortalWorkloadTest {

    static final int HTTP_PORT = 8080;
    static final String PORTAL_PODS = "pods {app.kubernetes.io/name=portal, app.kubernetes.io/part-of=susong}";
    private static final Pattern CLIENT_URL = Pattern.compile("quarkus\\.rest-client\\.([a-z-]+)\\.url");

    /**
     * The services the portal calls: its {@code quarkus.rest-client.<service>.url} keys (services/portal); a client
     * whose URL is another's ({@code payments-bank-files.url=${quarkus.rest-client.payments.url}}: payments' imports
     * with a longer timeout) calls that one's service.
     */
    static Set<String> calledServices() {
        Properties p = Manifests.applicationProperties(Manifests.PORTAL);
        Set<String> called = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = CLIENT_URL.matcher(key);
            if (m.matches() && !CLIENT_URL.matcher(p.getProperty(key).replaceAll("^\\$\\{|}$", "")).matches()) {
                called.add(m.group(1));
            }
        }
        return called;
    }

    static Container container() {
        PodSpec pod = Manifests.get(Deployment.class, Manifests.PORTAL).getSpec().getTemplate().getSpec();
        assertEquals(1, pod.getContainers().size(), "one container");
        return pod.getContainers().get(0);
    }

    static Map<String, EnvVar> env(Container c) {
        Map<String, EnvVar> env = new TreeMap<>();
        c.getEnv().forEach(e -> assertNull(env.put(e.getName(), e), "one " + e.getName()));
        return env;
    }

    @Test
    void thePortalServesItsPagesAndItsReadinessOnPort8080BehindItsServiceAndIngress() {
        Container c = container();
        assertEquals(1, c.getPorts().size(), "one port: no management interface");
        assertEquals(HTTP_PORT, c.getPorts().get(0).getContainerPort());
        assertEquals("http", c.getPorts().get(0).getName());
        assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals(HTTP_PORT, c.getReadinessProbe().getHttpGet().getPort().getIntVal(), "readiness on 8080");
        assertEquals("8080", Manifests.applicationProperties(Manifests.PORTAL).getProperty("quarkus.http.port"),
                "the port the portal's own configuration listens on");
        assertTrue(c.getImage().startsWith("susong/portal:"), c.getImage());

        Service service = Manifests.get(Service.class, Manifests.PORTAL);
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals("http", port.getName());
        assertEquals(HTTP_PORT, port.getTargetPort().getIntVal(), "the Service sends to 8080");
        assertEquals(Map.of("app.kubernetes.io/name", "portal", "app.kubernetes.io/part-of", "susong"),
                service.getSpec().getSelector());

        Ingress ingress = Manifests.get(Ingress.class, Manifests.PORTAL);
        var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertEquals(Manifests.PORTAL, backend.getName());
        assertEquals("http", backend.getPort().getName());
        assertFalse(ingress.getSpec().getTls().isEmpty(), "TLS on the Ingress");
    }

    @Test
    void thePortalReachesEachServiceItCallsThroughItsRestClientUrlAndTheServicesService() {
        Set<String> called = calledServices();
        assertEquals(Set.of("applications", "eligibility", "payments", "tech-contracts"), called,
                "the portal's REST clients (services/portal application.properties)");
        Map<String, EnvVar> env = env(container());
        Set<String> urls = new TreeSet<>();
        env.keySet().stream().filter(n -> n.startsWith("QUARKUS_REST_CLIENT_") && n.endsWith("_URL")).forEach(urls::add);
        Set<String> expected = new TreeSet<>();
        for (String s : called) {
            String name = "QUARKUS_REST_CLIENT_" + s.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
            expected.add(name);
            Service target = Manifests.get(Service.class, s);
            assertEquals(1, target.getSpec().getPorts().size(), s + ": one Service port");
            int servicePort = target.getSpec().getPorts().get(0).getPort();
            String url = "http://" + s + (servicePort == 80 ? "" : ":" + servicePort);
            assertNotNull(env.get(name), name + " (quarkus.rest-client." + s + ".url)");
            assertEquals(url, env.get(name).getValue(), "quarkus.rest-client." + s + ".url: the Service " + s);
        }
        assertEquals(expected, urls, "a URL for each service the portal calls, and no other");
    }

    @Test
    void thePortalSignsInAtTheServicesIdentityProviderWithItsClientsSecretAndItsDevelopmentSignInIsOff() throws IOException {
        Container c = container();
        Map<String, EnvVar> env = env(c);
        assertTrue(c.getEnvFrom() == null || c.getEnvFrom().isEmpty(), "no environment from a whole Secret or ConfigMap");
        assertEquals("prod", env.get("QUARKUS_PROFILE").getValue(), "the prod profile");
        assertEquals("false", env.get("SUSONG_PORTAL_DEV_SIGN_IN").getValue(), "the development sign-in off");
        assertEquals("false", Manifests.applicationProperties(Manifests.PORTAL).getProperty("susong.portal.dev-sign-in"),
                "and off by default in the portal's own configuration");
        assertTrue(env.keySet().stream().noneMatch(n -> n.startsWith("_") && n.contains("DEV_SIGN_IN")),
                "no profile-prefixed form turns it on");

        // the OIDC web-app tenant: on in prod by the portal's own configuration, and nothing here turns it off
        Properties portal = Manifests.applicationProperties(Manifests.PORTAL);
        assertEquals("true", portal.getProperty("%prod.quarkus.oidc.tenant-enabled"), "the sign-in is on in prod");
        assertEquals("web-app", portal.getProperty("quarkus.oidc.application-type"), "the authorization-code flow");
        assertTrue(env.keySet().stream().noneMatch(n -> n.contains("OIDC_TENANT_ENABLED")), "no variable turns it off");
        // the provider the services verify tokens of (their generated Deployments' QUARKUS_OIDC_AUTH_SERVER_URL)
        EnvVar url = env.get("QUARKUS_OIDC_AUTH_SERVER_URL");
        assertNotNull(url, "QUARKUS_OIDC_AUTH_SERVER_URL (quarkus.oidc.auth-server-url)");
        for (String s : Manifests.SERVICES) {
            EnvVar theirs = Manifests.get(Deployment.class, s).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getEnv().stream().filter(e -> e.getName().equals("QUARKUS_OIDC_AUTH_SERVER_URL")).findFirst()
                    .orElseThrow(() -> new AssertionError(s + " has no QUARKUS_OIDC_AUTH_SERVER_URL"));
            assertEquals(theirs.getValueFrom(), url.getValueFrom(), "the provider's URL the way " + s + " reads it");
        }
        ConfigMap platform = Manifests.get(ConfigMap.class, url.getValueFrom().getConfigMapKeyRef().getName());
        assertTrue(platform.getData().get(url.getValueFrom().getConfigMapKeyRef().getKey()).endsWith("/realms/susong"),
                "the realm susong");
        // the client's secret from a Secret (docs/ops/deploy.md), of the realm's confidential client the portal names
        EnvVar secret = env.get("QUARKUS_OIDC_CREDENTIALS_SECRET");
        assertNotNull(secret, "QUARKUS_OIDC_CREDENTIALS_SECRET");
        assertEquals("susong-portal-client", secret.getValueFrom().getSecretKeyRef().getName());
        assertEquals("client-secret", secret.getValueFrom().getSecretKeyRef().getKey());
        JsonNode client = null;
        for (JsonNode cl : Manifests.YAML.readTree(Manifests.ROOT.resolve("infra/keycloak/susong-realm.json").toFile())
                .path("clients")) {
            if (cl.path("clientId").asText().equals(portal.getProperty("quarkus.oidc.client-id"))) {
                client = cl;
            }
        }
        assertNotNull(client, "the realm's client " + portal.getProperty("quarkus.oidc.client-id"));
        assertFalse(client.path("publicClient").asBoolean(true), "a confidential client");
        assertTrue(client.path("standardFlowEnabled").asBoolean(), "the authorization-code flow");
        // behind the Ingress, which ends TLS: the redirect to the provider names https, the session cookie is Secure
        assertEquals("true", env.get("QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME").getValue());
        assertEquals("true", env.get("QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE").getValue());

        // every Secret the portal reads: its client's, its broker user's (Strimzi), its store user's; nothing else
        Set<String> secrets = new TreeSet<>();
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .forEach(e -> secrets.add(e.getName() + " <- " + e.getValueFrom().getSecretKeyRef().getName()));
        assertEquals(Set.of("QUARKUS_OIDC_CREDENTIALS_SECRET <- susong-portal-client", "KAFKA_SASL_JAAS_CONFIG <- portal",
                "QUARKUS_MONGODB_CONNECTION_STRING <- susong-mongo-portal"), secrets, "the portal's Secrets");
        for (EnvVar e : c.getEnv()) {
            String name = e.getName().toUpperCase(Locale.ROOT);
            for (String word : new String[] {"PASSWORD", "SECRET", "CRYPTO", "JAAS", "CONNECTION_STRING"}) {
                assertFalse(name.contains(word) && e.getValue() != null, e.getName() + " holds a value in git");
            }
        }
        PodSpec pod = Manifests.get(Deployment.class, Manifests.PORTAL).getSpec().getTemplate().getSpec();
        assertEquals(Set.of("susong-cluster-ca-cert"), pod.getVolumes().stream().filter(v -> v.getSecret() != null)
                .map(v -> v.getSecret().getSecretName()).collect(Collectors.toSet()), "the brokers' CA, nothing else");
    }

    @Test
    void theEvaluationReadModelIsOnAndConsumesAsTheKafkaUserPortalWithExactlyTheAclsItsChannelsNeed() throws IOException {
        Properties portal = Manifests.applicationProperties(Manifests.PORTAL);
        Map<String, EnvVar> env = env(container());
        assertEquals("false", portal.getProperty("susong.portal.evaluation.enabled"), "off by default in the portal");
        assertEquals("true", env.get("SUSONG_PORTAL_EVALUATION_ENABLED").getValue(), "on here");

        // the broker the services reach, the way they reach it (their generated Deployments' plain values)
        Map<String, EnvVar> applications = new TreeMap<>();
        Manifests.get(Deployment.class, "applications").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(e -> applications.put(e.getName(), e));
        for (String name : List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION")) {
            assertNotNull(env.get(name), name);
            assertEquals(applications.get(name).getValue(), env.get(name).getValue(), name + " as the services'");
        }
        assertEquals("sasl.jaas.config", env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getKey());
        String user = env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName();
        assertTrue(container().getVolumeMounts().stream().anyMatch(m -> env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").getValue()
                .startsWith(m.getMountPath() + "/")), "the brokers' CA is mounted where the trust store is read");

        // the KafkaUser whose Secret it reads: READ on every topic of events-in, WRITE on its dead letters, its group
        Properties commons = new Properties();
        try (var in = Files.newBufferedReader(Manifests.ROOT.resolve(
                "services/commons/src/main/resources/META-INF/microprofile-config.properties"))) {
            commons.load(in);
        }
        String service = portal.getProperty("susong.messaging.service");
        String group = commons.getProperty("mp.messaging.connector.smallrye-kafka.group.id")
                .replace("${susong.messaging.service}", service);
        String deadLetters = commons.getProperty("mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic")
                .replace("${susong.messaging.service}", service);
        Set<String> expected = new TreeSet<>();
        String[] topics = portal.getProperty("mp.messaging.incoming.events-in.topics").split(",");
        for (String topic : topics) {
            expected.add("topic " + topic.trim() + " Read");
        }
        expected.add("topic " + deadLetters + " Write");
        expected.add("group " + group + " Read");
        assertEquals(Set.of("group portal Read", "topic portal.dlq Write", "topic applications.events Read",
                "topic eligibility.events Read", "topic payments.events Read", "topic tech-contracts.events Read",
                "topic fund-investments.events Read"), expected, "the portal's channels (services/portal, commons)");
        KafkaUser kafkaUser = Manifests.get(KafkaUser.class, user);
        Set<String> acls = new TreeSet<>();
        ((KafkaUserAuthorizationSimple) kafkaUser.getSpec().getAuthorization()).getAcls().forEach(rule -> {
            String type = rule.getResource() instanceof AclRuleTopicResource ? "topic" : "group";
            String name = rule.getResource() instanceof AclRuleTopicResource t ? t.getName()
                    : ((AclRuleGroupResource) rule.getResource()).getName();
            rule.getOperations().forEach(op -> acls.add(type + " " + name + " " + op.toValue()));
        });
        assertEquals(expected, acls, "the KafkaUser " + user + "'s ACLs");
        assertTrue(kafkaUser.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication, "SCRAM");
        Manifests.all(KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName()).filter(deadLetters::equals)
                .findFirst().orElseThrow(() -> new AssertionError("a KafkaTopic " + deadLetters));

        // each pod runs one consumer of the group (no events-in.partitions): no more pods than the topics have partitions
        int partitions = Manifests.all(KafkaTopic.class).stream()
                .filter(t -> List.of(topics).stream().anyMatch(n -> n.trim().equals(t.getSpec().getTopicName())))
                .mapToInt(t -> t.getSpec().getPartitions()).min().orElseThrow();
        int perPod = Integer.parseInt(portal.getProperty("mp.messaging.incoming.events-in.partitions", "1"));
        HorizontalPodAutoscaler hpa = Manifests.get(HorizontalPodAutoscaler.class, Manifests.PORTAL);
        assertTrue(hpa.getSpec().getMaxReplicas() <= partitions / perPod, "at most " + partitions / perPod + " pods");
    }

    @Test
    void theEvaluationStoresInDatabasePortalAsItsOwnMongoUser() {
        Map<String, EnvVar> env = env(container());
        EnvVar connection = env.get("QUARKUS_MONGODB_CONNECTION_STRING");
        assertEquals("susong-mongo-portal", connection.getValueFrom().getSecretKeyRef().getName());
        assertEquals("connection-string", connection.getValueFrom().getSecretKeyRef().getKey());
        assertEquals("portal", Manifests.applicationProperties(Manifests.PORTAL).getProperty("quarkus.mongodb.database"),
                "the database the user portal may read and write");
        ConfigMap init = Manifests.get(ConfigMap.class, "susong-mongo-init");
        assertTrue(List.of(init.getData().get("services").split(" ")).contains(Manifests.PORTAL), "the users Job makes it");
        Container job = Manifests.get(Job.class, "susong-mongo-init").getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar password = job.getEnv().stream().filter(e -> e.getName().equals("SUSONG_MONGO_PORTAL_PASSWORD")).findFirst()
                .orElseThrow(() -> new AssertionError("the users Job has no SUSONG_MONGO_PORTAL_PASSWORD"));
        assertEquals("susong-mongo-portal", password.getValueFrom().getSecretKeyRef().getName(), "the same Secret");
    }

    @Test
    void thePortalIsReachedOnlyThroughItsIngressAndReachesOnlyTheServicesItCallsKafkaMongoDbTheProviderAndDns() {
        NetworkPolicy policy = Manifests.get(NetworkPolicy.class, Manifests.PORTAL);
        Set<String> ingress = new TreeSet<>();
        policy.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> rule.getPorts()
                .forEach(port -> ingress.add(WorkloadsTest.peer(peer) + " -> " + port.getPort().getStrVal()))));
        assertEquals(Set.of(WorkloadsTest.INGRESS_CONTROLLER + " -> http"), ingress, "reached by");

        Set<String> egress = new TreeSet<>();
        policy.getSpec().getEgress().forEach(rule -> rule.getTo().forEach(peer -> rule.getPorts().forEach(port ->
                egress.add(WorkloadsTest.peer(peer) + " -> " + (port.getPort().getStrVal() != null
                        ? port.getPort().getStrVal() : port.getPort().getIntVal()
                        + (port.getProtocol() == null ? "" : "/" + port.getProtocol()))))));
        Set<String> expected = new TreeSet<>(Set.of(WorkloadsTest.DNS + " -> 53/UDP", WorkloadsTest.DNS + " -> 53/TCP",
                WorkloadsTest.KAFKA + " -> 9093", WorkloadsTest.MONGO + " -> 27017"));
        calledServices().forEach(s -> expected.add("pods {app.kubernetes.io/name=" + s + ", app.kubernetes.io/part-of=susong} -> http"));
        // the provider on the port the services reach it on
        NetworkPolicy applications = Manifests.get(NetworkPolicy.class, "applications");
        applications.getSpec().getEgress().stream()
                .filter(r -> r.getTo().stream().anyMatch(p -> WorkloadsTest.peer(p).equals(WorkloadsTest.IDENTITY_PROVIDER)))
                .forEach(r -> r.getPorts().forEach(p -> expected.add(WorkloadsTest.IDENTITY_PROVIDER + " -> " + p.getPort().getIntVal())));
        assertTrue(expected.stream().anyMatch(e -> e.startsWith(WorkloadsTest.IDENTITY_PROVIDER)), "the services' rule found");
        assertEquals(expected, egress, "reaches");
        for (String s : calledServices()) {
            Deployment d = Manifests.get(Deployment.class, s);
            assertTrue(d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .anyMatch(p -> "http".equals(p.getName())), s + " names its API port http (the policies' port)");
        }

        // and the other ends let it in: MongoDB's policy, Strimzi's policy of the brokers' listener
        NetworkPolicy mongo = Manifests.get(NetworkPolicy.class, "susong-mongo");
        assertTrue(mongo.getSpec().getIngress().stream().anyMatch(r -> r.getFrom().stream()
                .anyMatch(p -> WorkloadsTest.peer(p).equals(PORTAL_PODS)) && r.getPorts().stream()
                .anyMatch(p -> Integer.valueOf(27017).equals(p.getPort().getIntVal()))), "MongoDB admits the portal's pods");
        Kafka kafka = Manifests.get(Kafka.class, KafkaResources.CLUSTER);
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream().filter(l -> l.getPort() == 9093)
                .findFirst().orElseThrow();
        assertTrue(listener.getNetworkPolicyPeers().stream().anyMatch(p -> p.getNamespaceSelector() == null
                && p.getPodSelector() != null && WorkloadsTest.peer(p).equals(PORTAL_PODS)),
                "the listener's NetworkPolicy (Strimzi's) admits the portal's pods");
    }
}
