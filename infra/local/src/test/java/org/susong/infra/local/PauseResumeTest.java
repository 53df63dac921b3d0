package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 1: pause (SIGSTOP) and resume (SIGCONT) of one process, and the errors of ./platform pause. */
class PauseResumeTest {

    @TempDir
    Path root;

    /** The state letter of /proc/<pid>/stat: T stopped, S sleeping, R running. */
    static char state(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void a_paused_process_is_stopped_until_it_is_resumed() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Signals.send("STOP", sleeper.pid());
            assertEquals('T', state(sleeper.pid()));
            Signals.send("CONT", sleeper.pid());
            assertTrue("SR".indexOf(state(sleeper.pid())) >= 0, "running again: " + state(sleeper.pid()));
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_unknown_or_absent_process_is_named_in_the_error() {
        PlatformProcesses platform = new PlatformProcesses(new PlatformProcesses.Options(root, root.resolve(".platform"),
                "local", 1, 2, 3, ServiceSpec.ALL, Duration.ofSeconds(1)), line -> { });
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> platform.pause("stroe"));
        assertTrue(unknown.getMessage().contains("'stroe'") && unknown.getMessage().contains("store, broker"), unknown.getMessage());
        IllegalStateException absent = assertThrows(IllegalStateException.class, () -> platform.pause("store"));
        assertEquals("The store process is not running.", absent.getMessage());
    }

    @Test
    void the_pause_command_refuses_an_unknown_name_and_a_platform_that_is_not_running() {
        assertEquals(2, Platform.signal(root, List.of("stroe"), true), "unknown process: usage error");
        assertEquals(2, Platform.signal(root, List.of(), true), "no process: usage error");
        assertEquals(1, Platform.signal(root, List.of("store"), true), "no launcher running");
        assertEquals(1, Platform.signal(root, List.of("payments"), false), "no launcher running");
    }
}
