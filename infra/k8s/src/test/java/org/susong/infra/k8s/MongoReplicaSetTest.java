package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** MongoDB as a StatefulSet replica set with one database and one user per service (issue 17 item 2). */
class MongoReplicaSetTest {

    @Test
    void theStoreIsAThreeMemberReplicaSetWithPersistentVolumesAndABudget() {
        StatefulSet mongo = Manifests.get(StatefulSet.class, "susong-mongo");
        assertEquals(3, mongo.getSpec().getReplicas(), "three members");
        Container mongod = mongo.getSpec().getTemplate().getSpec().getContainers().get(0);
        String args = String.join(" ", mongod.getArgs());
        assertTrue(args.contains("--replSet rs0"), "a replica set: " + args);
        assertTrue(args.contains("--keyFile"), "members authenticate to each other: " + args);
        assertEquals("data", mongo.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName(), "a volume per member");
        assertTrue(mongod.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("data") && m.getMountPath().equals("/data/db")));
        assertEquals(Boolean.TRUE, mongo.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.TRUE, mongod.getSecurityContext().getReadOnlyRootFilesystem());
        assertTrue(Manifests.all(PodDisruptionBudget.class).stream().anyMatch(p -> WorkloadsTest.selects(
                p.getSpec().getSelector(), mongo.getSpec().getTemplate().getMetadata().getLabels())), "a PodDisruptionBudget");
    }

    @Test
    void theInitJobMakesOneUserPerServiceAndThePortalOnItsOwnDatabaseWithItsSecret() {
        ConfigMap init = Manifests.get(ConfigMap.class, "susong-mongo-init");
        // the five services and the reference portal's evaluation read model (PortalWorkloadTest)
        List<String> users = new java.util.ArrayList<>(Manifests.SERVICES);
        users.add(Manifests.PORTAL);
        assertEquals(users, List.of(init.getData().get("services").split(" ")), "the users made");
        assertTrue(init.getData().get("init.js").contains("{role: 'readWrite', db: service}"),
                "each user may read and write its own database only");
        Container job = Manifests.get(Job.class, "susong-mongo-init").getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> secrets = new TreeMap<>();
        for (EnvVar env : job.getEnv()) {
            if (env.getName().startsWith("SUSONG_MONGO_")) {
                secrets.put(env.getName(), env.getValueFrom().getSecretKeyRef().getName());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        users.forEach(s -> expected.put("SUSONG_MONGO_" + s.toUpperCase().replace('-', '_') + "_PASSWORD",
                "susong-mongo-" + s));
        assertEquals(expected, secrets);
    }

    @Test
    void eachServiceConnectsWithItsOwnUsersSecretAndDatabase() {
        for (String service : Manifests.SERVICES) {
            Container c = Manifests.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            EnvVar connection = c.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_MONGODB_CONNECTION_STRING"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " has no QUARKUS_MONGODB_CONNECTION_STRING"));
            assertEquals("susong-mongo-" + service, connection.getValueFrom().getSecretKeyRef().getName(), service);
            assertEquals(service, Manifests.applicationProperties(service).getProperty("quarkus.mongodb.database"),
                    service + "'s database is its name (the user's readWrite role)");
        }
    }
}
