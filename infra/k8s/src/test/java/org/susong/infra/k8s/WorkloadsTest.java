package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.susong.commons.messaging.TopicCatalogue;

/**
 * The services' workloads (issue 17 item 1): each generated Deployment (quarkus-kubernetes) with the committed
 * PodDisruptionBudget, HorizontalPodAutoscaler and NetworkPolicy beside it.
 */
class WorkloadsTest {

    /** Highest idle RSS of a service (docs/benchmarks.md, "RSS once idle": 207 MB, applications). */
    static final long MEASURED_IDLE_RSS_BYTES = 207L * 1000 * 1000;

    @Test
    void everyServiceHasAGeneratedDeploymentServiceAndIngressAndNothingElseIsDeployed() {
        for (String service : Manifests.SERVICES) {
            Manifests.get(Deployment.class, service);
            Manifests.get(Service.class, service);
            Manifests.get(Ingress.class, service);
        }
        TreeSet<String> expected = new TreeSet<>(Manifests.SERVICES);
        expected.add(Manifests.PORTAL); // written by hand (base/portal.yaml): PortalWorkloadTest
        assertEquals(expected, new TreeSet<>(Manifests.deployments().stream()
                .map(d -> d.getMetadata().getName()).toList()), "one Deployment per service and the portal's");
    }

    @TestFactory
    Stream<DynamicTest> eachDeploymentHasTheThreeProbesResourcesAndRunsNonRootOnAReadOnlyRootFilesystem() {
        return Manifests.deployments().stream().map(d -> dynamicTest(d.getMetadata().getName(), () -> {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertEquals(1, pod.getContainers().size(), "one container");
            Container c = pod.getContainers().get(0);
            // the services on their management interface; the portal has none: its health is on its http port
            int healthPort = d.getMetadata().getName().equals(Manifests.PORTAL) ? PortalWorkloadTest.HTTP_PORT : 9000;
            probe(c.getStartupProbe(), "/q/health/started", "startup", healthPort);
            probe(c.getLivenessProbe(), "/q/health/live", "liveness", healthPort);
            probe(c.getReadinessProbe(), "/q/health/ready", "readiness", healthPort);

            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            for (String r : List.of("cpu", "memory")) {
                assertNotNull(requests.get(r), "requests." + r);
                assertNotNull(limits.get(r), "limits." + r);
                assertTrue(bytes(limits.get(r)).compareTo(bytes(requests.get(r))) >= 0, r + ": limit >= request");
            }
            assertTrue(bytes(requests.get("memory")).longValue() > MEASURED_IDLE_RSS_BYTES,
                    "the memory request covers the measured idle RSS (docs/benchmarks.md)");
            assertTrue(bytes(limits.get("memory")).longValue() >= 2 * MEASURED_IDLE_RSS_BYTES,
                    "the memory limit leaves the heap (75 % of it) room above the idle RSS");

            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), "runAsNonRoot");
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, "a non-root uid");
            assertNotNull(c.getSecurityContext(), "container securityContext (base/hardening.yaml)");
            assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), "read-only root filesystem");
            assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), "no privilege escalation");
            assertTrue(c.getSecurityContext().getCapabilities().getDrop().contains("ALL"), "capabilities dropped");
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                    && pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null)),
                    "/tmp is a writable emptyDir (the only writable path)");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "no API token in the pod");
            assertFalse(c.getImage().contains("/root/"), "an image name of the project, not the builder's user");
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachDeploymentHasAPodDisruptionBudgetAnAutoscalerAndANetworkPolicy() {
        return Manifests.deployments().stream().map(d -> dynamicTest(d.getMetadata().getName(), () -> {
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> pdbs = Manifests.all(PodDisruptionBudget.class).stream()
                    .filter(p -> selects(p.getSpec().getSelector(), podLabels)).toList();
            assertEquals(1, pdbs.size(), "one PodDisruptionBudget selects the pods");
            assertTrue(selects(d.getSpec().getSelector(), podLabels), "the Deployment selects its own pods");

            List<NetworkPolicy> policies = Manifests.all(NetworkPolicy.class).stream()
                    .filter(p -> selects(p.getSpec().getPodSelector(), podLabels)).toList();
            assertEquals(1, policies.size(), "one NetworkPolicy selects the pods");
            assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policies.get(0).getSpec().getPolicyTypes()),
                    "ingress and egress both restricted");

            HorizontalPodAutoscaler hpa = Manifests.get(HorizontalPodAutoscaler.class, d.getMetadata().getName());
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(d.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
            assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName(), "scales on CPU");
        }));
    }

    @Test
    void networkPoliciesLetServicesReachOnlyKafkaMongoDbAndTheIdentityProviderAndBeReachedOnlyThroughTheirIngressPrometheusAndTheAuditJob() {
        for (String service : Manifests.SERVICES) {
            NetworkPolicy policy = Manifests.get(NetworkPolicy.class, service);
            Set<String> egress = new TreeSet<>();
            policy.getSpec().getEgress().forEach(rule -> rule.getTo().forEach(peer -> egress.add(peer(peer))));
            assertEquals(Set.of(KAFKA, MONGO, IDENTITY_PROVIDER, DNS), egress, service + " reaches");
            Set<String> ingress = new TreeSet<>();
            policy.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> rule.getPorts()
                    .forEach(port -> ingress.add(peer(peer) + " -> " + port.getPort().getStrVal()))));
            Set<String> reachedBy = new TreeSet<>(Set.of(INGRESS_CONTROLLER + " -> http", MONITORING + " -> management",
                    OPS_JOBS + " -> http"));
            if (PortalWorkloadTest.calledServices().contains(service)) {
                reachedBy.add(PortalWorkloadTest.PORTAL_PODS + " -> http"); // the portal's pages call its API
            }
            assertEquals(reachedBy, ingress, service + " is reached by");

            Ingress publicApi = Manifests.get(Ingress.class, service);
            var backend = publicApi.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
            assertEquals(service, backend.getName(), "the Ingress routes to the service");
            assertEquals("http", backend.getPort().getName(), "on its API port, never the management port");
            assertFalse(publicApi.getSpec().getTls().isEmpty(), "TLS on the Ingress");
        }
    }

    @Test
    void noAutoscalerRunsMorePodsThanTheConsumedTopicsHavePartitionsFor() {
        for (String service : Manifests.SERVICES) {
            HorizontalPodAutoscaler hpa = Manifests.get(HorizontalPodAutoscaler.class, service);
            assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(), service + ": min <= max");
            int limit = maxUsefulReplicas(service);
            assertTrue(hpa.getSpec().getMaxReplicas() <= limit, service + ": at most " + limit
                    + " pods have partitions to consume, the HPA allows " + hpa.getSpec().getMaxReplicas());
        }
    }

    /**
     * The most pods of a service that all get partitions: for each incoming channel, the topic's partitions divided by
     * the consumers each pod runs on it ({@code mp.messaging.incoming.<channel>.partitions}, 1 unless set); the least
     * over the channels. A service consuming nothing is bounded by {@link #UNBOUNDED}.
     */
    static int maxUsefulReplicas(String service) {
        Properties p = Manifests.applicationProperties(service);
        Map<String, TopicCatalogue.Topic> topics = TopicCatalogue.load().topics();
        int limit = UNBOUNDED;
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                String channel = key.substring(0, key.length() - ".topic".length());
                int perPod = Integer.parseInt(p.getProperty(channel + ".partitions", "1"));
                limit = Math.min(limit, topics.get(p.getProperty(key)).partitions() / perPod);
            }
        }
        return limit;
    }

    static final int UNBOUNDED = 10;

    static final String KAFKA = "pods {strimzi.io/broker-role=true, strimzi.io/cluster=susong}";
    static final String MONGO = "pods {app.kubernetes.io/name=susong-mongo}";
    static final String IDENTITY_PROVIDER = "namespace {kubernetes.io/metadata.name=identity} pods {app.kubernetes.io/name=keycloak}";
    static final String DNS = "namespace {kubernetes.io/metadata.name=kube-system} pods {k8s-app=kube-dns}";
    static final String INGRESS_CONTROLLER = "namespace {kubernetes.io/metadata.name=ingress-nginx}";
    static final String MONITORING = "namespace {kubernetes.io/metadata.name=monitoring}";
    /** The audit Job's pods (base/ops), which read GET /admin/audit. */
    static final String OPS_JOBS = "pods {app.kubernetes.io/name=susong-ops}";

    static String peer(NetworkPolicyPeer peer) {
        List<String> parts = new ArrayList<>();
        if (peer.getIpBlock() != null) {
            parts.add("ip " + peer.getIpBlock().getCidr());
        }
        if (peer.getNamespaceSelector() != null) {
            parts.add("namespace " + new java.util.TreeMap<>(peer.getNamespaceSelector().getMatchLabels()));
        }
        if (peer.getPodSelector() != null) {
            parts.add("pods " + new java.util.TreeMap<>(peer.getPodSelector().getMatchLabels()));
        }
        return String.join(" ", parts);
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
                && selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static void probe(Probe probe, String path, String which, int port) {
        assertNotNull(probe, which + " probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, which + " probe is an HTTP GET on SmallRye Health");
        assertEquals(path, get.getPath(), which + " path");
        assertEquals(port, get.getPort().getIntVal(), which + " probe on port " + port);
    }

    private static BigDecimal bytes(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }
}
