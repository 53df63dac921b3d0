package org.susong.infra.local;

import java.nio.file.Path;
import java.util.List;

/**
 * A service of the platform as the launcher starts it: name, module folder, HTTP port, management port (health and
 * metrics: the packaged service serves them on its management interface, never on the HTTP port, in every profile),
 * whether it has seed data.
 */
public record ServiceSpec(String name, int port, int managementPort, boolean seeded) {

    /** The five services on their fixed ports (README); management on 9081-9085 (Quarkus' 9000 is one per host). */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("applications", 8081, 9081, false),
            new ServiceSpec("eligibility", 8082, 9082, true),
            new ServiceSpec("payments", 8083, 9083, true),
            new ServiceSpec("tech-contracts", 8084, 9084, false),
            new ServiceSpec("fund-investments", 8085, 9085, true));

    /** The Quarkus fast-jar runner of the service, under the project root. */
    public Path runner(Path root) {
        return root.resolve("services").resolve(name).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** The same service on another HTTP port, its management interface on a free port. */
    public ServiceSpec onPort(int newPort) {
        return new ServiceSpec(name, newPort, PlatformProcesses.freePort(), seeded);
    }
}
