package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Pod logs kept six months (issue 17; the Cybersecurity Law's Article 21): Fluent Bit on every node ships the
 * platform's pods' JSON logs to Loki (base/logging), which keeps them 183 days.
 */
class LogRetentionTest {

    /** Six months as the operators count them: half of 8,760 h. */
    static final Duration SIX_MONTHS = Duration.ofHours(4380);

    @Test
    void lokiKeepsEveryStreamAtLeastSixMonthsOnItsOwnVolumeAndItsCompactorDeletesOnlyAfter() throws IOException {
        JsonNode loki = Manifests.YAML.readTree(Manifests.get(ConfigMap.class, "susong-logs").getData().get("loki.yaml"));
        Duration retention = hours(loki.path("limits_config").path("retention_period").asText());
        assertTrue(retention.compareTo(SIX_MONTHS) >= 0, "retention_period " + retention.toHours() + " h < 4380 h");
        assertTrue(loki.path("compactor").path("retention_enabled").asBoolean(), "the compactor applies the retention");
        assertEquals("disabled", loki.path("limits_config").path("deletion_mode").asText(), "no deletion through Loki's API");
        assertTrue(!loki.path("limits_config").has("retention_stream"), "no stream kept shorter");
        assertTrue(!loki.path("table_manager").path("retention_deletes_enabled").asBoolean(false)
                || hours(loki.path("table_manager").path("retention_period").asText()).compareTo(SIX_MONTHS) >= 0,
                "no older deleter cuts it shorter");

        StatefulSet statefulSet = Manifests.get(StatefulSet.class, "susong-logs");
        Container container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(container.getArgs().contains("-config.file=/etc/loki/loki.yaml"), container.getArgs().toString());
        String data = loki.path("common").path("path_prefix").asText();
        assertTrue(loki.path("common").path("storage").path("filesystem").path("chunks_directory").asText().startsWith(data + "/"),
                "chunks under " + data);
        String claim = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(data)).findFirst()
                .orElseThrow(() -> new AssertionError(data + " is a mounted volume, not the container's")).getName();
        assertTrue(statefulSet.getSpec().getVolumeClaimTemplates().stream().anyMatch(v -> v.getMetadata().getName().equals(claim)),
                data + " is the StatefulSet's persistent volume claim");
        assertEquals(Boolean.TRUE, statefulSet.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
    }

    @Test
    void fluentBitOnEveryNodeTailsTheContainersLogsLiftsTheJsonAndShipsToLoki() throws IOException {
        DaemonSet collector = Manifests.get(DaemonSet.class, "susong-log-collector");
        var pod = collector.getSpec().getTemplate().getSpec();
        assertTrue(pod.getTolerations().stream().anyMatch(t -> "Exists".equals(t.getOperator()) && t.getKey() == null),
                "on every node, tainted ones too");
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getHostPath() != null && v.getHostPath().getPath().equals("/var/log")),
                "the node's /var/log");
        Container fluentBit = pod.getContainers().get(0);
        String configFile = fluentBit.getArgs().get(fluentBit.getArgs().indexOf("-c") + 1);
        String configDir = configFile.substring(0, configFile.lastIndexOf('/'));
        String configVolume = fluentBit.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(configDir))
                .findFirst().orElseThrow().getName();
        String configMap = pod.getVolumes().stream().filter(v -> v.getName().equals(configVolume)).findFirst().orElseThrow()
                .getConfigMap().getName();
        JsonNode config = Manifests.YAML.readTree(Manifests.get(ConfigMap.class, configMap).getData()
                .get(configFile.substring(configFile.lastIndexOf('/') + 1)));

        JsonNode tail = only(config.path("pipeline").path("inputs"), "tail");
        assertEquals("/var/log/containers/*.log", tail.path("path").asText());
        assertTrue(tail.path("multiline.parser").asText().contains("cri"), "the container runtime's line format");
        assertEquals("filesystem", tail.path("storage.type").asText(), "buffered on disk: an outage of Loki loses nothing");
        assertTrue(tail.path("db").asText().startsWith(hostPathMount(collector, "/var/fluent-bit/state")),
                "the read offsets survive a restart (on the node)");

        JsonNode kubernetes = only(config.path("pipeline").path("filters"), "kubernetes");
        assertTrue(kubernetes.path("merge_log").asBoolean(), "each JSON log line becomes the record's fields");
        assertTrue(kubernetes.path("labels").asBoolean(), "the pods' labels, for the selection below");
        ClusterRole role = Manifests.get(ClusterRole.class, pod.getServiceAccountName());
        assertTrue(role.getRules().stream().anyMatch(r -> r.getResources().contains("pods") && r.getVerbs().contains("watch")),
                "the filter may read the pods");
        ClusterRoleBinding binding = Manifests.get(ClusterRoleBinding.class, pod.getServiceAccountName());
        assertEquals(pod.getServiceAccountName(), binding.getSubjects().get(0).getName());

        JsonNode loki = only(config.path("pipeline").path("outputs"), "loki");
        Service lokiService = Manifests.get(Service.class, loki.path("host").asText());
        assertEquals(loki.path("port").asInt(), lokiService.getSpec().getPorts().get(0).getPort(), "Loki's port");
        assertEquals("no_limits", loki.path("retry_limit").asText(), "a line Loki did not take is retried, never dropped");
        assertTrue(loki.path("labels").asText().contains("service=$kubernetes['labels']['app.kubernetes.io/name']"),
                "a stream per service");
        assertTrue(selects(lokiService.getSpec().getSelector(),
                Manifests.get(StatefulSet.class, lokiService.getMetadata().getName()).getSpec().getTemplate().getMetadata().getLabels()));
    }

    @Test
    void everyWorkloadsPodsAreCollectedAndEveryServiceLogsJsonInProd() throws IOException {
        JsonNode config = Manifests.YAML.readTree(Manifests.get(ConfigMap.class, "susong-log-collector").getData().get("fluent-bit.yaml"));
        JsonNode grep = only(config.path("pipeline").path("filters"), "grep");
        Matcher rule = Pattern.compile("\\$kubernetes\\['namespace_name'\\] \\^(\\S+)\\$").matcher(grep.path("regex").asText());
        assertTrue(rule.matches(), "the pods of one namespace kept: " + grep.path("regex").asText());
        JsonNode overlay = Manifests.documents(Manifests.TREE.resolve("overlays/prod/kustomization.yaml")).get(0);
        assertEquals(overlay.path("namespace").asText(), rule.group(1), "the namespace the prod overlay puts everything in");
        List<String> workloads = new ArrayList<>();
        for (HasMetadata o : Manifests.base().values()) {
            if (o instanceof Deployment || o instanceof StatefulSet || o instanceof CronJob
                    || o instanceof io.fabric8.kubernetes.api.model.batch.v1.Job) {
                workloads.add(o.getKind() + "/" + o.getMetadata().getName());
                String namespace = o.getMetadata().getNamespace();
                assertTrue(namespace == null || namespace.equals(rule.group(1)), o.getKind() + " " + o.getMetadata().getName()
                        + " is in " + namespace + ", whose logs are not collected");
            }
        }
        for (String expected : List.of("CronJob/susong-audit", "StatefulSet/susong-mongo")) {
            assertTrue(workloads.contains(expected), expected + " in " + workloads);
        }
        Manifests.SERVICES.forEach(s -> assertTrue(workloads.contains("Deployment/" + s), s));
        ClusterRoleBinding binding = Manifests.get(ClusterRoleBinding.class, "susong-log-collector");
        assertEquals(rule.group(1), binding.getSubjects().get(0).getNamespace(), "the collector's account, in that namespace");

        // the services log JSON in prod (commons' shared defaults, unless a service turns it off)
        Properties shared = new Properties();
        shared.load(new StringReader(Files.readString(Manifests.ROOT.resolve(
                "services/commons/src/main/resources/META-INF/microprofile-config.properties"))));
        for (String service : Manifests.SERVICES) {
            Properties own = Manifests.applicationProperties(service);
            String json = own.getProperty("%prod.quarkus.log.console.json.enabled",
                    shared.getProperty("%prod.quarkus.log.console.json.enabled"));
            assertEquals("true", json, service + " logs JSON in prod");
            Deployment deployment = Manifests.get(Deployment.class, service);
            String profile = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("QUARKUS_PROFILE")).map(e -> e.getValue()).findFirst().orElse("prod");
            assertEquals("prod", profile, service + " runs the prod profile in the cluster");
        }
    }

    @Test
    void lokiIsWrittenOnlyByTheCollectorAndReadOnlyFromMonitoring() {
        var policy = Manifests.get(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class, "susong-logs");
        assertTrue(selects(policy.getSpec().getPodSelector().getMatchLabels(),
                Manifests.get(StatefulSet.class, "susong-logs").getSpec().getTemplate().getMetadata().getLabels()));
        List<String> from = new ArrayList<>();
        policy.getSpec().getIngress().forEach(r -> r.getFrom().forEach(p -> from.add(WorkloadsTest.peer(p))));
        assertEquals(List.of("pods {app.kubernetes.io/name=susong-log-collector}", WorkloadsTest.MONITORING), from);
    }

    private static String hostPathMount(DaemonSet set, String mountPath) {
        var pod = set.getSpec().getTemplate().getSpec();
        var mount = pod.getContainers().get(0).getVolumeMounts().stream().filter(m -> m.getMountPath().equals(mountPath))
                .findFirst().orElseThrow(() -> new AssertionError(mountPath + " is mounted"));
        assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow()
                .getHostPath(), mountPath + " is on the node");
        return mountPath + "/";
    }

    private static JsonNode only(JsonNode plugins, String name) {
        List<JsonNode> found = new ArrayList<>();
        plugins.forEach(p -> {
            if (p.path("name").asText().equals(name)) {
                found.add(p);
            }
        });
        assertEquals(1, found.size(), "one " + name + " plugin");
        return found.get(0);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** Loki's durations: 4392h, 183d (days of 24 h). */
    static Duration hours(String value) {
        Matcher m = Pattern.compile("(\\d+)([hd])").matcher(value);
        assertTrue(m.matches(), "a duration in h or d: " + value);
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
    }
}
