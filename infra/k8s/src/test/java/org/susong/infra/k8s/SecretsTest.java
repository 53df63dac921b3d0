package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Secrets are referenced by name, never committed (issue 17 item 1), and each one an operator makes is documented. */
class SecretsTest {

    @Test
    void noManifestHoldsASecretValue() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Manifests.TREE)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList();
        }
        assertTrue(files.size() > 10, "the manifests were found: " + files.size());
        for (Path file : files) {
            for (JsonNode doc : Manifests.documents(file)) {
                if (doc.isObject() && doc.path("kind").asText().equals("Secret")) {
                    fail(file + " holds a Secret " + doc.path("metadata").path("name").asText()
                            + ": Secrets are made in the cluster (docs/ops/deploy.md), never committed");
                }
                if (doc.isObject() && doc.has("secretGenerator")) {
                    fail(file + " generates Secrets from files or literals: make them in the cluster instead");
                }
            }
        }
    }

    @Test
    void everySecretAWorkloadReadsIsMadeByStrimziOrListedInTheDeployGuide() throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (HasMetadata o : Manifests.base().values()) {
            PodSpec pod = o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                    : o instanceof StatefulSet s ? s.getSpec().getTemplate().getSpec()
                    : o instanceof Job j ? j.getSpec().getTemplate().getSpec()
                    : o instanceof CronJob c ? c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
                    : o instanceof DaemonSet s ? s.getSpec().getTemplate().getSpec() : null;
            if (pod == null) {
                continue;
            }
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> referenced.add(v.getSecret().getSecretName()));
            Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).forEach(c -> {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .forEach(e -> referenced.add(e.getValueFrom().getSecretKeyRef().getName()));
                c.getEnvFrom().stream().filter(e -> e.getSecretRef() != null).forEach(e -> referenced.add(e.getSecretRef().getName()));
            });
        }
        Set<String> byStrimzi = new TreeSet<>(List.of("susong-cluster-ca-cert"));
        Manifests.all(KafkaUser.class).forEach(u -> byStrimzi.add(u.getMetadata().getName()));
        String guide = Files.readString(Manifests.ROOT.resolve("docs/ops/deploy.md"));
        Set<String> undocumented = new TreeSet<>();
        for (String secret : referenced) {
            if (!byStrimzi.contains(secret) && !guide.contains("`" + secret + "`")) {
                undocumented.add(secret);
            }
        }
        assertEquals(Set.of(), undocumented, "Secrets read by a workload that docs/ops/deploy.md does not tell the operator to make");
    }
}
