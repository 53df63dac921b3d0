package org.susong.infra.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A service of the platform as the launcher starts it: name, module folder, HTTP port, management port (health and
 * metrics: the packaged service serves them on its management interface, never on the HTTP port, in every profile),
 * whether it has seed data, and which replica of the service this process is (1, 2, ...). Replicas of a service share
 * everything but their ports, log and pid file: the same consumer groups, store database and broker principal (no
 * service keeps a per-process id: outbox and claim owners are random per round or per claim).
 */
public record ServiceSpec(String name, int port, int managementPort, boolean seeded, int replica) implements ProcessSpec {

    /** The first (only) replica of a service. */
    public ServiceSpec(String name, int port, int managementPort, boolean seeded) {
        this(name, port, managementPort, seeded, 1);
    }

    /** The five services on their fixed ports (README); management on 9081-9085 (Quarkus' 9000 is one per host). */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("applications", 8081, 9081, false),
            new ServiceSpec("eligibility", 8082, 9082, true),
            new ServiceSpec("payments", 8083, 9083, true),
            new ServiceSpec("tech-contracts", 8084, 9084, false),
            new ServiceSpec("fund-investments", 8085, 9085, true));

    /** Replica {@code k}'s ports are the first's plus {@code (k - 1) * REPLICA_PORT_STEP}: 8181-8185 and 9181-9185 for the second. */
    public static final int REPLICA_PORT_STEP = 100;

    /**
     * The name of this replica's process (log, pid file, {@code ./platform pause}): the service's name for the first
     * replica, {@code <service>-<k>} for the k-th.
     */
    @Override
    public String process() {
        return replica == 1 ? name : name + "-" + replica;
    }

    /** The Quarkus fast-jar runner of the service, under the project root. */
    @Override
    public Path runner(Path root) {
        return ProcessSpec.quarkusRunner(root, name);
    }

    /** Health is on the management interface (commons' microprofile-config.properties, issue 23 item 12). */
    @Override
    public URI readiness() {
        return URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
    }

    /** The same service on another HTTP port, its management interface on a free port. */
    public ServiceSpec onPort(int newPort) {
        return new ServiceSpec(name, newPort, PlatformProcesses.freePort(), seeded, replica);
    }

    /** {@code count} replicas of each service, the k-th on the fixed ports plus {@code (k - 1) * }{@link #REPLICA_PORT_STEP}. */
    public static List<ServiceSpec> replicas(List<ServiceSpec> services, int count) {
        List<ServiceSpec> all = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            int step = (k - 1) * REPLICA_PORT_STEP;
            for (ServiceSpec s : services) {
                all.add(new ServiceSpec(s.name, s.port + step, s.managementPort + step, s.seeded, k));
            }
        }
        return List.copyOf(all);
    }

    /** {@code count} replicas of each service, every HTTP and management port taken from {@code ports} (tests: free ports). */
    public static List<ServiceSpec> replicas(List<ServiceSpec> services, int count, IntSupplier ports) {
        return replicas(services, count).stream()
                .map(s -> new ServiceSpec(s.name, ports.getAsInt(), ports.getAsInt(), s.seeded, s.replica)).toList();
    }
}
