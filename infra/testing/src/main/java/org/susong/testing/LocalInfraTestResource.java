package org.susong.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.susong.infra.local.Folders;
import org.susong.infra.local.InfraSettings;
import org.susong.infra.local.LocalInfra;
import org.susong.infra.local.PlatformProcesses;

/**
 * The one Quarkus test resource every service's {@code @QuarkusTest} uses: the real broker and
 * store of {@link LocalInfra} on free ports with a temporary data folder, Dev Services off.
 * Use it with {@code @WithTestResource(LocalInfraTestResource.class)} so Quarkus boots once per module.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalInfra infra;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("susong-test-infra");
            // -Dsusong.test.durable-store=true: the H2 file store of ./platform run instead of the in-memory one (benchmarks
            // "on both stores"); tests run on the in-memory one
            InfraSettings settings = new InfraSettings(dataDir, "127.0.0.1", "127.0.0.1", freePort(), freePort(),
                    freePort(), Boolean.getBoolean("susong.test.durable-store"));
            infra = new LocalInfra(settings).start();
            return Map.of(
                    "kafka.bootstrap.servers", settings.kafkaBootstrap(),
                    "quarkus.mongodb.connection-string", settings.mongoConnectionString(),
                    "quarkus.devservices.enabled", "false",
                    "quarkus.kafka.devservices.enabled", "false",
                    "quarkus.mongodb.devservices.enabled", "false");
        } catch (Exception e) {
            throw new IllegalStateException("the local broker and store did not start", e);
        }
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.close();
        }
        Folders.deleteQuietly(dataDir);
    }

    public static int freePort() {
        return PlatformProcesses.freePort();
    }
}
