package org.susong.infra.local;

import java.nio.file.Path;
import java.util.List;

/** A service of the platform as the launcher starts it: name, module folder, HTTP port, whether it has seed data. */
public record ServiceSpec(String name, int port, boolean seeded) {

    /** The five services on their fixed ports (README). */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("applications", 8081, false),
            new ServiceSpec("eligibility", 8082, true),
            new ServiceSpec("payments", 8083, true),
            new ServiceSpec("tech-contracts", 8084, false),
            new ServiceSpec("fund-investments", 8085, true));

    /** The Quarkus fast-jar runner of the service, under the project root. */
    public Path runner(Path root) {
        return root.resolve("services").resolve(name).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public ServiceSpec onPort(int newPort) {
        return new ServiceSpec(name, newPort, seeded);
    }
}
