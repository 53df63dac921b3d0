package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The prod overlay (issue 17 item 1). No kustomize binary exists here, so nothing is rendered; instead every patch is
 * loaded with the model (its fields exist) and must target an object of the base.
 */
class ProdOverlayTest {

    static final Path PROD = Manifests.TREE.resolve("overlays/prod");

    @Test
    void eachProdPatchTargetsAnObjectOfTheBase() {
        JsonNode kustomization = Manifests.documents(PROD.resolve("kustomization.yaml")).get(0);
        assertEquals("../../base", kustomization.path("resources").path(0).asText(), "the overlay is built on the base");
        assertFalse(kustomization.path("patches").isEmpty(), "patches");
        for (JsonNode patch : kustomization.path("patches")) {
            assertTrue(patch.path("target").isMissingNode(), "strategic-merge patches name their target themselves: " + patch);
            for (JsonNode doc : Manifests.documents(PROD.resolve(patch.path("path").asText()))) {
                HasMetadata target = Manifests.typed(doc, "overlays/prod/" + patch.path("path").asText());
                String key = Manifests.key(target);
                HasMetadata inBase = Manifests.base().get(key);
                assertTrue(inBase != null, patch.path("path").asText() + " patches " + key + ", which the base does not have");
                assertEquals(inBase.getApiVersion(), target.getApiVersion(), key + ": apiVersion");
                if (target instanceof Deployment || target instanceof StatefulSet) {
                    // a strategic-merge patch merges containers by name: another name would add a container
                    assertEquals(true, containerNames(inBase).containsAll(containerNames(target)),
                            key + ": the patch names containers " + containerNames(target) + ", the base has " + containerNames(inBase));
                }
                if (target instanceof HorizontalPodAutoscaler hpa && hpa.getSpec().getMaxReplicas() != null) {
                    int limit = WorkloadsTest.maxUsefulReplicas(target.getMetadata().getName());
                    assertTrue(hpa.getSpec().getMaxReplicas() <= limit, key + ": at most " + limit + " pods have partitions");
                }
                if (target instanceof KafkaTopic topic) {
                    assertEquals(null, topic.getSpec().getPartitions(), key + ": partitions are fixed (keys would move)");
                }
            }
        }
    }

    private static Set<String> containerNames(HasMetadata o) {
        var pod = o instanceof Deployment d ? d.getSpec().getTemplate().getSpec() : ((StatefulSet) o).getSpec().getTemplate().getSpec();
        Set<String> names = new TreeSet<>();
        pod.getContainers().forEach(c -> names.add(c.getName()));
        return names;
    }

    @Test
    void theProdImagesAreTheServicesImagesAndTheOpsJobsImage() {
        JsonNode kustomization = Manifests.documents(PROD.resolve("kustomization.yaml")).get(0);
        Set<String> images = new TreeSet<>();
        Manifests.all(Deployment.class).forEach(d -> images.add(d.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage().replaceAll(":[^:/]+$", "")));
        // and the image of infra/local the ops Jobs run (base/ops)
        Manifests.all(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class).forEach(c -> c.getSpec().getJobTemplate()
                .getSpec().getTemplate().getSpec().getContainers().forEach(k -> images.add(k.getImage().replaceAll(":[^:/]+$", ""))));
        Set<String> renamed = new TreeSet<>();
        kustomization.path("images").forEach(i -> renamed.add(i.path("name").asText()));
        assertEquals(images, renamed, "the overlay names each service's image and the ops Jobs' (registry and tag of the city)");
    }
}
