package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reference portal's workload (issue 18, base/portal.yaml, written by hand: the portal has no quarkus-kubernetes).
 * WorkloadsTest's common checks include it (probes, resources, non-root, read-only root filesystem, disruption budget,
 * autoscaler, one NetworkPolicy); here what is the portal's own: its port, its health, the services it calls and
 * nothing else it could hold.
 */
class PortalWorkloadTest {

    static final int HTTP_PORT = 8080;
    static final String PORTAL_PODS = "pods {app.kubernetes.io/name=portal, app.kubernetes.io/part-of=susong}";
    private static final Pattern CLIENT_URL = Pattern.compile("quarkus\\.rest-client\\.([a-z-]+)\\.url");

    /** The services the portal calls: its {@code quarkus.rest-client.<service>.url} keys (services/portal). */
    static Set<String> calledServices() {
        Properties p = Manifests.applicationProperties(Manifests.PORTAL);
        Set<String> called = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = CLIENT_URL.matcher(key);
            if (m.matches()) {
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
    void thePortalHoldsNoBrokerStoreOrOtherCredentialAndItsDevelopmentSignInIsOff() {
        Container c = container();
        PodSpec pod = Manifests.get(Deployment.class, Manifests.PORTAL).getSpec().getTemplate().getSpec();
        assertTrue(c.getEnvFrom() == null || c.getEnvFrom().isEmpty(), "no environment from a Secret or ConfigMap");
        for (EnvVar e : c.getEnv()) {
            assertNull(e.getValueFrom(), e.getName() + " is a plain value, never a Secret's");
            String name = e.getName().toUpperCase(Locale.ROOT);
            for (String word : new String[] {"KAFKA", "MONGO", "PASSWORD", "SECRET", "CRYPTO", "SASL", "JAAS"}) {
                assertFalse(name.contains(word), e.getName() + ": the portal reaches no broker or store and holds no secret");
            }
        }
        assertTrue(pod.getVolumes().stream().allMatch(v -> v.getEmptyDir() != null), "no Secret or ConfigMap volume");

        Map<String, EnvVar> env = env(c);
        assertEquals("prod", env.get("QUARKUS_PROFILE").getValue(), "the prod profile");
        assertEquals("false", env.get("SUSONG_PORTAL_DEV_SIGN_IN").getValue(), "the development sign-in off");
        assertEquals("false", Manifests.applicationProperties(Manifests.PORTAL).getProperty("susong.portal.dev-sign-in"),
                "and off by default in the portal's own configuration");
        assertTrue(env.keySet().stream().noneMatch(n -> n.startsWith("_") && n.contains("DEV_SIGN_IN")),
                "no profile-prefixed form turns it on");
    }

    @Test
    void thePortalIsReachedOnlyThroughItsIngressAndReachesOnlyTheServicesItCallsAndDns() {
        NetworkPolicy policy = Manifests.get(NetworkPolicy.class, Manifests.PORTAL);
        Set<String> ingress = new TreeSet<>();
        policy.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer -> rule.getPorts()
                .forEach(port -> ingress.add(WorkloadsTest.peer(peer) + " -> " + port.getPort().getStrVal()))));
        assertEquals(Set.of(WorkloadsTest.INGRESS_CONTROLLER + " -> http"), ingress, "reached by");

        Set<String> egress = new TreeSet<>();
        policy.getSpec().getEgress().forEach(rule -> rule.getTo().forEach(peer -> rule.getPorts().forEach(port ->
                egress.add(WorkloadsTest.peer(peer) + " -> " + (port.getPort().getStrVal() != null
                        ? port.getPort().getStrVal() : port.getPort().getIntVal() + "/" + port.getProtocol())))));
        Set<String> expected = new TreeSet<>(Set.of(WorkloadsTest.DNS + " -> 53/UDP", WorkloadsTest.DNS + " -> 53/TCP"));
        calledServices().forEach(s -> expected.add("pods {app.kubernetes.io/name=" + s + ", app.kubernetes.io/part-of=susong} -> http"));
        assertEquals(expected, egress, "reaches (no broker, no store)");
        for (String s : calledServices()) {
            Deployment d = Manifests.get(Deployment.class, s);
            assertTrue(d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .anyMatch(p -> "http".equals(p.getName())), s + " names its API port http (the policies' port)");
        }
    }
}
