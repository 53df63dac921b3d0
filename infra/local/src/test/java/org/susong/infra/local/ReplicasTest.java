package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 3: {@code ./platform run --replicas 2}: two processes of every service on distinct ports. */
class ReplicasTest {

    @TempDir
    Path root;

    @Test
    void two_replicas_of_every_service_have_distinct_ports_and_process_names_and_the_same_service() {
        List<ServiceSpec> two = ServiceSpec.replicas(ServiceSpec.ALL, 2);
        assertEquals(10, two.size());
        Set<Integer> ports = new HashSet<>();
        two.forEach(s -> {
            assertTrue(ports.add(s.port()), "HTTP port " + s.port() + " used twice");
            assertTrue(ports.add(s.managementPort()), "management port " + s.managementPort() + " used twice");
        });
        ServiceSpec second = two.stream().filter(s -> s.process().equals("payments-2")).findFirst().orElseThrow();
        assertEquals(new ServiceSpec("payments", 8183, 9183, true, 2), second);
        assertEquals("payments", second.name(), "the same service: its jar, consumer groups, database and broker principal");
        assertEquals(ServiceSpec.ALL, ServiceSpec.replicas(ServiceSpec.ALL, 1), "one replica: today's ports and names");
        List<String> names = PlatformProcesses.processNames(two);
        assertTrue(names.containsAll(List.of("payments", "payments-2", "fund-investments-2")), names.toString());
    }

    @Test
    void the_run_command_reads_its_replica_count() {
        assertEquals(OptionalInt.of(1), Platform.replicas(List.of("--fail-fast")));
        assertEquals(OptionalInt.of(2), Platform.replicas(List.of("--replicas", "2", "--memory-store")));
        assertEquals(OptionalInt.empty(), Platform.replicas(List.of("--replicas")));
        assertEquals(OptionalInt.empty(), Platform.replicas(List.of("--replicas", "0")));
        assertEquals(OptionalInt.empty(), Platform.replicas(List.of("--replicas", "two")));
    }

    @Test
    void a_replica_is_paused_by_its_process_name() {
        assertEquals(1, Platform.signal(root, List.of("payments-2"), true), "a replica's name is known; no launcher running");
        assertEquals(2, Platform.signal(root, List.of("payments-x"), true), "unknown process: usage error");
        PlatformProcesses platform = new PlatformProcesses(new PlatformProcesses.Options(root, root.resolve(".platform"),
                "local", 1, 2, 3, ServiceSpec.replicas(ServiceSpec.ALL, 2), Duration.ofSeconds(1)), line -> { });
        IllegalStateException absent = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> platform.pause("payments-2"));
        assertEquals("The payments-2 process is not running.", absent.getMessage());
    }
}
