package org.susong.infra.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The launcher behind {@code ./platform}: {@code run} starts the store, the broker and the five services,
 * waits until all are ready, loads the seed data, prints the URLs and stays until Ctrl-C (or
 * {@code ./platform stop}), then stops the services first and the broker and store last. Meanwhile it
 * starts a service that exits unexpectedly again, with backoff ({@code --fail-fast}: stops everything
 * instead). {@code pause <process>} and {@code resume <process>} freeze and thaw one process of a running platform.
 * Exit codes: 0 normal stop, 1 a start or a process failed (or the platform is not running), 2 a port is taken or usage is wrong.
 */
public final class Platform {

    private Platform() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("susong.root", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "run" : args[0];
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        switch (command) {
            case "run" -> System.exit(run(root, rest.contains("--with-idp"), rest.contains("--memory-store"),
                    rest.contains("--fail-fast"), rest.contains("--with-metrics")));
            case "stop" -> System.exit(stop(root));
            case "pause" -> System.exit(signal(root, rest, true));
            case "resume" -> System.exit(signal(root, rest, false));
            case "token" -> System.exit(token(root, rest));
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    private static final String USAGE = "usage: ./platform [run [--with-idp] [--memory-store] [--fail-fast] [--with-metrics]|stop|pause <process>"
            + "|resume <process>|token <demo user>|token --ops]";

    /** The Keycloak settings of {@code --with-idp}, or exit code 2 with the reason printed when no JDK 21+ exists. */
    private static Optional<KeycloakProcess.Settings> identityProvider(Path root) {
        Optional<Path> jdk = KeycloakProcess.findJdk21();
        if (jdk.isEmpty()) {
            System.err.println("Keycloak " + KeycloakProcess.VERSION + " needs Java 21 or newer and none was found"
                    + " (JAVA21_HOME, the running java, /usr/lib/jvm/*); install one (e.g. a Temurin 21/25 JDK) or set"
                    + " JAVA21_HOME, or run ./platform run without --with-idp.");
            return Optional.empty();
        }
        return Optional.of(KeycloakProcess.Settings.defaults(root, jdk.get()));
    }

    /** Prints an access token of a demo user (portal client) or of the operations client, from the running Keycloak. */
    static int token(Path root, List<String> args) {
        if (args.isEmpty()) {
            System.err.println(USAGE + "   (demo users: <role>-huli, <role>-siming; see infra/keycloak/README.md)");
            return 2;
        }
        KeycloakProcess.Settings settings = KeycloakProcess.Settings.defaults(root, Path.of(System.getProperty("java.home")));
        if (!Files.exists(settings.stateDir().resolve("idp").resolve("secrets.properties"))) {
            System.err.println("No identity provider secrets in " + settings.stateDir().resolve("idp")
                    + "; start the platform with ./platform run --with-idp first.");
            return 1;
        }
        try {
            System.out.println(args.get(0).equals("--ops") ? KeycloakProcess.opsToken(settings)
                    : KeycloakProcess.userToken(settings, args.get(0)));
            return 0;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /**
     * {@code ./platform pause <process>} (SIGSTOP: an outage, its connections hang) or {@code resume <process>} (SIGCONT)
     * of a running platform, the pid read from the state dir: store, broker, keycloak or a service.
     */
    static int signal(Path root, List<String> args, boolean pause) {
        PlatformProcesses.Options options = PlatformProcesses.Options.defaults(root);
        List<String> names = PlatformProcesses.processNames(options.services());
        String command = pause ? "pause" : "resume";
        if (args.size() != 1) {
            System.err.println("usage: ./platform " + command + " <process>   (one of " + String.join(", ", names) + ")");
            return 2;
        }
        String name = args.get(0);
        if (!names.contains(name)) {
            System.err.println("Unknown process '" + name + "'; one of " + String.join(", ", names) + ".");
            return 2;
        }
        if (runningLauncher(options.stateDir().resolve("platform.pid")).isEmpty()) {
            System.err.println("The platform is not running (no launcher in " + options.stateDir().resolve("platform.pid")
                    + "); start it with ./platform run.");
            return 1;
        }
        Optional<ProcessHandle> process = readPid(options.pids().resolve(name + ".pid")).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            System.err.println("The " + name + " process is not running" + (name.equals("keycloak")
                    ? " (only ./platform run --with-idp starts it)." : " (the launcher may be starting it again; see "
                    + options.logs().resolve(name + ".log") + ")."));
            return 1;
        }
        try {
            Signals.send(pause ? "STOP" : "CONT", process.get().pid());
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        System.out.println(pause ? "paused " + name + " (pid " + process.get().pid() + "): it answers nothing and its"
                + " connections hang until ./platform resume " + name + "." : "resumed " + name + " (pid " + process.get().pid() + ").");
        return 0;
    }

    static int run(Path root, boolean withIdp, boolean memoryStore, boolean failFast) throws IOException {
        return run(root, withIdp, memoryStore, failFast, false);
    }

    static int run(Path root, boolean withIdp, boolean memoryStore, boolean failFast, boolean withMetrics) throws IOException {
        PlatformProcesses.Options options = PlatformProcesses.Options.defaults(root);
        Optional<KeycloakProcess.Settings> idp = Optional.empty();
        if (withIdp) {
            idp = identityProvider(root);
            if (idp.isEmpty()) {
                return 2;
            }
            try {
                KeycloakProcess.ensureDistribution(root, options.stateDir().resolve("keycloak"), System.out::println);
            } catch (PlatformProcesses.StartFailure e) {
                System.err.println(e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        Path pidFile = options.stateDir().resolve("platform.pid");
        Optional<ProcessHandle> running = runningLauncher(pidFile);
        if (running.isPresent()) {
            System.err.println("The platform is already running (pid " + running.get().pid() + "); use ./platform stop first.");
            return 2;
        }
        long started = System.nanoTime();
        PlatformProcesses platform = new PlatformProcesses(options, System.out::println);
        idp.ifPresent(platform::withIdentityProvider);
        if (memoryStore) {
            platform.withMemoryStore();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<LocalMetrics> metrics = new java.util.concurrent.atomic.AtomicReference<>();
        Thread shutdown = new Thread(() -> {
            stopping.set(true);
            System.out.println("stopping: services first, then Keycloak (if running), then the broker and store ...");
            if (metrics.get() != null) {
                metrics.get().close();
            }
            platform.close();
            deleteQuietly(pidFile);
            System.out.println("stopped.");
            stopped.countDown();
        }, "platform-shutdown");
        try {
            Files.createDirectories(options.stateDir());
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
            Runtime.getRuntime().addShutdownHook(shutdown);
            platform.start();
            platform.seed();
            if (!failFast) {
                platform.superviseServices();
            }
            if (withMetrics) {
                metrics.set(LocalMetrics.start(options, System.out::println));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (PlatformProcesses.StartFailure e) {
            if (stopping.get()) {
                return 0; // ./platform stop or Ctrl-C while starting: the shutdown hook stops what was started
            }
            System.err.println(e.getMessage());
            Runtime.getRuntime().removeShutdownHook(shutdown);
            platform.close();
            deleteQuietly(pidFile);
            return e.getMessage().startsWith("Port ") ? 2 : 1;
        }
        System.out.printf("%nSusong is up in %.1f s. Logs: %s%n", (System.nanoTime() - started) / 1e9, options.logs());
        for (ServiceSpec service : options.services()) {
            System.out.printf("  %-17s http://localhost:%d/q/swagger-ui%n", service.name(), service.port());
        }
        idp.ifPresent(kc -> System.out.printf("  %-17s %s (admin console http://127.0.0.1:%d/admin, user admin;"
                        + " passwords in %s)%n  OIDC is on, the header stub off: ./platform token officer-huli prints a token.%n",
                "keycloak", kc.issuer(), kc.httpPort(), kc.stateDir().resolve("idp").resolve("secrets.properties")));
        System.out.println((failFast ? "A process that exits stops the platform (--fail-fast). "
                : "A service that exits is started again, with backoff. ") + "Press Ctrl-C (or run ./platform stop) to stop.");
        while (true) {
            String dead = stopping.get() ? null : platform.deadProcess();
            if (dead != null) {
                System.err.println("The " + dead + " process exited unexpectedly; see " + options.logs().resolve(dead + ".log")
                        + ". Stopping the platform.");
                System.exit(1); // runs the shutdown hook
            }
            try {
                if (stopped.await(1, TimeUnit.SECONDS)) {
                    return 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    /** Asks a running launcher to stop and waits; then clears processes a killed launcher may have left. */
    static int stop(Path root) throws IOException {
        PlatformProcesses.Options options = PlatformProcesses.Options.defaults(root);
        Optional<ProcessHandle> launcher = runningLauncher(options.stateDir().resolve("platform.pid"));
        if (launcher.isPresent()) {
            System.out.println("stopping the platform (pid " + launcher.get().pid() + ") ...");
            launcher.get().destroy();
            try {
                launcher.get().onExit().get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("The launcher did not stop within 120 s; killing what is left.");
            }
        }
        int leftovers = 0;
        // services first, then the broker and the store; a paused one is continued first, else SIGTERM waits
        List<String> order = ServiceSpec.ALL.stream().map(ServiceSpec::name).collect(java.util.stream.Collectors.toList());
        order.addAll(List.of("prometheus", "keycloak", "broker", "store"));
        Signals.continueAll(order.stream().map(name -> readPid(options.pids().resolve(name + ".pid")).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)).flatMap(Optional::stream).mapToLong(ProcessHandle::pid).toArray());
        for (String name : order) {
            Path pid = options.pids().resolve(name + ".pid");
            Optional<ProcessHandle> process = readPid(pid).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (process.isPresent()) {
                leftovers++;
                process.get().destroy();
                try {
                    process.get().onExit().get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.get().destroyForcibly();
                }
            }
            deleteQuietly(pid);
        }
        if (launcher.isEmpty() && leftovers == 0) {
            System.out.println("The platform is not running.");
        } else {
            System.out.println("stopped.");
        }
        return 0;
    }

    private static Optional<ProcessHandle> runningLauncher(Path pidFile) {
        return readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(true));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
