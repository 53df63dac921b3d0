package org.susong.infra.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The launcher behind {@code ./platform}: {@code run} starts the store, the broker and the five services, then the
 * reference district portal ({@link WebSpec#PORTAL}; skipped with a message when its module is not built), waits until
 * all are ready, loads the seed data, prints the URLs and stays until Ctrl-C (or {@code ./platform stop}), then stops
 * the portal first, then the services, and the broker and store last. Meanwhile it
 * starts a service that exits unexpectedly again, with backoff ({@code --fail-fast}: stops everything
 * instead). {@code --replicas N} runs N processes of every service (ports 8081-8085, then 8181-8185 ...; health on
 * 9081-9085, 9181-9185 ...), each supervised alone. {@code pause <process>} and {@code resume <process>} freeze and thaw
 * one process of a running platform (a replica's: {@code payments-2}).
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
            case "run" -> {
                Optional<String> date = option(rest, "--business-date");
                if (date.isPresent() && BusinessDate.parse(date.get()).isEmpty()) {
                    System.err.println("--business-date takes a date YYYY-MM-DD (e.g. --business-date 2026-06-01), not '"
                            + date.get() + "'.");
                    System.exit(2);
                }
                OptionalInt replicas = replicas(rest);
                if (replicas.isEmpty()) {
                    System.err.println(USAGE + "   (--replicas takes a number from 1 to 9)");
                    System.exit(2);
                }
                System.exit(run(root, rest.contains("--with-idp"), rest.contains("--memory-store"),
                        rest.contains("--fail-fast"), date.flatMap(BusinessDate::parse), replicas.getAsInt(),
                        rest.contains("--with-metrics")));
            }
            case "stop" -> System.exit(stop(root));
            case "reset" -> System.exit(reset(root, rest.contains("--yes")));
            case "pause" -> System.exit(signal(root, rest, true));
            case "resume" -> System.exit(signal(root, rest, false));
            case "token" -> System.exit(token(root, rest));
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    private static final String USAGE = "usage: ./platform [run [--with-idp] [--memory-store] [--fail-fast]"
            + " [--business-date YYYY-MM-DD] [--replicas N] [--with-metrics]|stop|reset [--yes]|pause <process>"
            + "|resume <process>|token <demo user>|token --ops]";

    /** {@code --replicas N} (1 without it); empty when N is not a number from 1 to 9 (ports step by 100 from 8081). */
    static OptionalInt replicas(List<String> args) {
        int at = args.indexOf("--replicas");
        if (at < 0) {
            return OptionalInt.of(1);
        }
        try {
            int n = Integer.parseInt(args.get(at + 1));
            return n >= 1 && n <= 9 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** A service process's name: a service's ({@code payments}) or a replica's ({@code payments-2}). */
    private static boolean serviceProcess(String name) {
        return ServiceSpec.ALL.stream().anyMatch(s -> name.equals(s.name()) || name.matches(java.util.regex.Pattern.quote(s.name()) + "-[2-9]"));
    }

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
        String replicas = " (a second replica's: payments-2)";
        if (args.size() != 1) {
            System.err.println("usage: ./platform " + command + " <process>   (one of " + String.join(", ", names) + replicas + ")");
            return 2;
        }
        String name = args.get(0);
        if (!names.contains(name) && !serviceProcess(name)) {
            System.err.println("Unknown process '" + name + "'; one of " + String.join(", ", names) + replicas + ".");
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

    /** {@code --name value} or {@code --name=value}; an empty value when the name ends the list. */
    static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name)) {
                return Optional.of(i + 1 < args.size() ? args.get(i + 1) : "");
            }
            if (args.get(i).startsWith(name + "=")) {
                return Optional.of(args.get(i).substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The business date of this run: the one asked for (the flag, else env {@code SUSONG_CLOCK_BUSINESS_DATE}), or the
     * one the local data was written with. Another date than the data's is refused (null, the reason printed): the
     * services' clock would move back under what they wrote (leases, deadlines, ids); {@code ./platform reset} first.
     */
    static Optional<BusinessDate> businessDate(PlatformProcesses.Options options, Optional<LocalDate> flag) {
        Optional<LocalDate> asked = flag;
        if (asked.isEmpty()) {
            String env = System.getenv().getOrDefault("SUSONG_CLOCK_BUSINESS_DATE", "");
            asked = env.isBlank() ? Optional.empty() : BusinessDate.parse(env);
            if (!env.isBlank() && asked.isEmpty()) {
                System.err.println("SUSONG_CLOCK_BUSINESS_DATE '" + env + "' is not a date (YYYY-MM-DD).");
                return null;
            }
        }
        Optional<BusinessDate> kept = BusinessDate.read(options.stateDir());
        if (asked.isEmpty() || kept.isPresent() && kept.get().date().equals(asked.get())) {
            return kept; // none, or the one the data was written with: its clock continues
        }
        if (Files.isDirectory(options.stateDir().resolve("data"))) {
            System.err.println("The local data in " + options.stateDir().resolve("data") + " was written on "
                    + kept.map(k -> "the business date " + k.date() + " (set for a demo)").orElse("the real date")
                    + "; another business date would move the services' clock under it. Run ./platform reset first"
                    + " (it deletes the local data), then ./platform run --business-date " + asked.get() + ".");
            return null;
        }
        return Optional.of(new BusinessDate(asked.get(), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    }

    /**
     * {@code ./platform reset}: stops a running platform, then deletes the local data (the store's file and the
     * broker's log dir, {@code .platform/data}) and the business date set for a demo. Secrets, logs and the
     * Keycloak download stay. Asks first at a terminal unless {@code --yes}.
     */
    static int reset(Path root, boolean yes) throws IOException {
        PlatformProcesses.Options options = PlatformProcesses.Options.defaults(root);
        Path data = options.stateDir().resolve("data");
        if (!yes && System.console() != null) {
            String answer = System.console().readLine("This deletes every application, decision, payment, contract and"
                    + " investment of the local platform (%s). Continue? [y/N] ", data);
            if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                System.out.println("nothing deleted.");
                return 1;
            }
        }
        stop(root);
        boolean had = Files.exists(data);
        if (had) {
            try (java.util.stream.Stream<Path> walk = Files.walk(data)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        boolean hadDate = Files.deleteIfExists(BusinessDate.file(options.stateDir()));
        System.out.println((had ? "reset: deleted the local data (store and broker) in " + data
                : "reset: no local data in " + data) + (hadDate ? "; the business date set for a demo is cleared" : "")
                + ". The next ./platform run starts empty and seeds again.");
        return 0;
    }

    static int run(Path root, boolean withIdp, boolean memoryStore, boolean failFast, Optional<LocalDate> askedDate,
                   int replicas, boolean withMetrics) throws IOException {
        PlatformProcesses.Options defaults = PlatformProcesses.Options.defaults(root);
        PlatformProcesses.Options options = defaults.withServices(ServiceSpec.replicas(defaults.services(), replicas));
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
        Optional<BusinessDate> businessDate = businessDate(options, askedDate);
        if (businessDate == null) {
            return 2;
        }
        long started = System.nanoTime();
        PlatformProcesses platform = new PlatformProcesses(options, System.out::println);
        businessDate.ifPresent(date -> System.out.println(date.banner()));
        platform.withBusinessDate(businessDate.orElse(null));
        idp.ifPresent(platform::withIdentityProvider);
        platform.withWebProcesses(WebSpec.ALL);
        if (memoryStore) {
            platform.withMemoryStore();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<LocalMetrics> metrics = new java.util.concurrent.atomic.AtomicReference<>();
        Thread shutdown = new Thread(() -> {
            stopping.set(true);
            System.out.println("stopping: the portal first, then the services, then Keycloak (if running), then the broker and store ...");
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
            if (businessDate.isPresent()) {
                businessDate.get().write(options.stateDir());
            }
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
            System.out.printf("  %-19s http://localhost:%d/q/swagger-ui  (health http://localhost:%d/q/health)%n", service.process(),
                    service.port(), service.managementPort());
        }
        if (replicas > 1) {
            System.out.println("Replicas of a service share its consumer groups and database; any of them answers its API.");
        }
        for (WebSpec web : platform.webProcesses()) {
            System.out.printf("  %-19s http://localhost:%d  (the reference district portal; development sign-in: pick a role"
                    + " and district)%n", web.process(), web.port());
        }
        platform.webSkipped().values().forEach(reason -> System.out.println("  " + reason));
        idp.ifPresent(kc -> System.out.printf("  %-17s %s (admin console http://127.0.0.1:%d/admin, user admin;"
                        + " passwords in %s)%n  OIDC is on, the header stub off: ./platform token officer-huli prints a token.%n",
                "keycloak", kc.issuer(), kc.httpPort(), kc.stateDir().resolve("idp").resolve("secrets.properties")));
        businessDate.ifPresent(date -> System.out.println(date.banner()));
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
        List<String> pidFiles = List.of();
        if (Files.isDirectory(options.pids())) {
            try (var files = Files.list(options.pids())) {
                pidFiles = files.map(f -> f.getFileName().toString().replaceFirst("\\.pid$", "")).toList();
            }
        }
        List<String> order = stopOrder(pidFiles);
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

    /**
     * The order in which {@code ./platform stop} stops what a killed launcher left, from the names of the pid files: the
     * web processes (the portal calls the services), then the services (every replica's), then prometheus, Keycloak, the
     * broker and the store. A paused one is continued first, else SIGTERM waits.
     */
    static List<String> stopOrder(List<String> pidFiles) {
        List<String> order = new java.util.ArrayList<>();
        WebSpec.ALL.stream().map(WebSpec::process).filter(pidFiles::contains).forEach(order::add);
        pidFiles.stream().filter(Platform::serviceProcess).sorted().forEach(order::add);
        order.addAll(List.of("prometheus", "keycloak", "broker", "store"));
        return order;
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
