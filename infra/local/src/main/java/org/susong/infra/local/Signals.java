package org.susong.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Signals to processes of the platform: {@code ./platform pause} and {@code resume}, and the continue before a stop. */
final class Signals {

    private Signals() {
    }

    /**
     * Sends a signal ({@code STOP}, {@code CONT}, ...) to processes with {@code kill}: {@link ProcessHandle} sends only
     * SIGTERM and SIGKILL.
     */
    static void send(String signal, long... pids) {
        if (pids.length == 0) {
            return;
        }
        StringBuilder command = new StringBuilder("kill -").append(signal);
        for (long pid : pids) {
            command.append(' ').append(pid);
        }
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", command.toString()).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes()).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " was interrupted");
        }
    }

    /** Continues every listed process that runs (a stopped process acts on SIGTERM only once continued). */
    static void continueAll(List<Process> processes) {
        continueAll(processes.stream().filter(p -> p != null && p.isAlive()).mapToLong(Process::pid).toArray());
    }

    /** Continues the processes, whether stopped or not; one that exited meanwhile is skipped. */
    static void continueAll(long... pids) {
        try {
            send("CONT", pids);
        } catch (RuntimeException e) {
            // one of them exited meanwhile: nothing to continue there
        }
    }
}
