package org.susong.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts and stops the platform as separate processes: the store and the broker (two JVMs of
 * {@link LocalInfra}), then the five services - one process each, or several replicas ({@link ServiceSpec#replicas}:
 * their own ports, the first replica of every service ready before the second starts) - then, if asked
 * ({@link #withWebProcesses}: {@code ./platform run} and AfterDecisionIT), the web processes (the portal) - each
 * process logging to its own file and writing its pid to the state dir's {@code pids} ({@code payments},
 * {@code payments-2}, {@code portal}). Stops in the safe order: web processes first, then services (waiting for them
 * to exit), then the broker and the store. Any of them can be paused and resumed ({@link #pause}: SIGSTOP, an outage whose
 * connections hang as in a network partition). With {@link #superviseServices} a service that exits
 * unexpectedly is started again after a backoff ({@link ServiceSupervisor}), as {@code ./platform run} does.
 * Used by {@code ./platform} and by the end-to-end tests.
 */
public final class PlatformProcesses implements AutoCloseable {

    /** Where things are and which ports to use. */
    public record Options(Path root, Path stateDir, String profile, int kafkaPort, int controllerPort, int mongoPort,
                          List<ServiceSpec> services, Duration startTimeout) {

        public static Options defaults(Path root) {
            return new Options(root, root.resolve(".platform"), "local", InfraSettings.DEFAULT_KAFKA_PORT,
                    InfraSettings.DEFAULT_CONTROLLER_PORT, InfraSettings.DEFAULT_MONGO_PORT, ServiceSpec.ALL,
                    Duration.ofSeconds(120));
        }

        /** The same with other services, e.g. {@link ServiceSpec#replicas} of them ({@code ./platform run --replicas 2}). */
        public Options withServices(List<ServiceSpec> newServices) {
            return new Options(root, stateDir, profile, kafkaPort, controllerPort, mongoPort, newServices, startTimeout);
        }

        public Path logs() {
            return stateDir.resolve("logs");
        }

        public Path pids() {
            return stateDir.resolve("pids");
        }

        public String kafka() {
            return "127.0.0.1:" + kafkaPort;
        }

        public String mongo() {
            return "mongodb://127.0.0.1:" + mongoPort;
        }

        /** The SCRAM passwords of the broker's principals, generated at first start (mode 600, never in git). */
        public Path kafkaSecrets() {
            return stateDir.resolve("secrets").resolve("kafka.properties");
        }
    }

    /** The platform could not start; the message is one sentence for the person at the terminal. */
    public static final class StartFailure extends RuntimeException {
        public StartFailure(String message) {
            super(message);
        }
    }

    private final Options options;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process store;
    private Process broker;
    private BrokerCredentials brokerCredentials;
    private KeycloakProcess.Settings idp;
    private boolean memoryStore;
    private BusinessDate businessDate = BusinessDate.fromSystemProperty().orElse(null);
    private Map<String, String> serviceEnvironment = Map.of();
    private Process keycloak;
    /** The services' and web processes' current processes; written by the launching thread and the supervisor's, under {@link #lock}. */
    private final Map<ProcessSpec, Process> launched = new ConcurrentHashMap<>();
    private List<WebSpec> webProcesses = List.of();
    private final Object lock = new Object();
    private ServiceSupervisor supervisor;
    private boolean closing;
    private final Map<String, Long> readyMillis = new LinkedHashMap<>();

    public PlatformProcesses(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Map<String, Long> readyMillis() {
        return readyMillis;
    }

    /** Kafka client settings (SASL/SCRAM) of a principal of the running broker: a service's name, ops or admin. */
    public Map<String, String> kafkaClient(String principal) {
        return brokerCredentials.clientProperties(principal);
    }

    /**
     * Runs Keycloak beside the broker and store, and every service with OIDC bearer tokens on and
     * the header stub off ({@code ./platform run --with-idp}). Call before {@link #start()}.
     */
    public PlatformProcesses withIdentityProvider(KeycloakProcess.Settings settings) {
        this.idp = settings;
        return this;
    }

    /**
     * Runs the store on mongo-java-server's in-memory H2 backend instead of the H2 file ({@code ./platform run
     * --memory-store}, for benchmarks): nothing the services write survives a stop. Call before {@link #start()}.
     */
    public PlatformProcesses withMemoryStore() {
        this.memoryStore = true;
        return this;
    }

    /**
     * A business date set for a demo or a test: every service's clock reads {@code date} from {@code setAt} on and runs
     * on (commons {@code BusinessClock}). Default: the {@code susong.clock.business-date} system property of this JVM,
     * set at construction (the end-to-end suite sets it). Call before {@link #start()}.
     */
    public PlatformProcesses withBusinessDate(BusinessDate date) {
        this.businessDate = date;
        return this;
    }

    /**
     * Environment variables every service process gets, at its start and at every restart (e.g. the OpenTelemetry SDK
     * turned on with an exporter endpoint, for a test that reads the spans). Call before {@link #start()}.
     */
    public PlatformProcesses withServiceEnvironment(Map<String, String> environment) {
        this.serviceEnvironment = Map.copyOf(environment);
        return this;
    }

    /**
     * Starts these web processes ({@link WebSpec#ALL}: the portal) after the services, in the same profile, their REST
     * clients pointed at the services' first replicas; the portal with its evaluation read model on the broker (as its own
     * principal) and the store, none of the services' environment. One whose
     * runner jar is missing is skipped with a message naming the build command, and the rest starts. Without this
     * call (the end-to-end tests) none is started. Call before {@link #start()}.
     */
    public PlatformProcesses withWebProcesses(List<WebSpec> web) {
        this.webProcesses = List.copyOf(web);
        return this;
    }

    /** The web processes {@link #start()} starts (or started), in order; the others are in {@link #webSkipped()}. */
    public List<WebSpec> webProcesses() {
        return webProcesses.stream().filter(w -> !webSkipped().containsKey(w.process())).toList();
    }

    /** Web processes asked for that are not started, each with its reason as one sentence. */
    public Map<String, String> webSkipped() {
        Map<String, String> webSkipped = new LinkedHashMap<>();
        for (WebSpec web : webProcesses) {
            if (!Files.exists(web.runner(options.root()))) {
                webSkipped.put(web.process(), "The " + web.process() + " is not built (" + options.root().relativize(
                        web.runner(options.root())) + " is missing), so it is not started; build it with ./mvnw -B -q -pl services/"
                        + web.name() + " -am package -DskipTests and run ./platform run again.");
            }
        }
        return webSkipped;
    }

    public Optional<BusinessDate> businessDate() {
        return Optional.ofNullable(businessDate);
    }

    public Optional<KeycloakProcess.Settings> identityProvider() {
        return Optional.ofNullable(idp);
    }

    /** The Keycloak process, while it runs (for measurements). */
    public Optional<ProcessHandle> keycloakProcess() {
        return Optional.ofNullable(keycloak).filter(Process::isAlive).map(Process::toHandle);
    }

    /** Ports that are taken, named; empty when all are free. */
    public List<String> takenPorts() {
        List<String> taken = new ArrayList<>();
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(options.kafkaPort(), "Kafka");
        ports.put(options.controllerPort(), "Kafka controller");
        ports.put(options.mongoPort(), "MongoDB-wire store");
        options.services().forEach(s -> {
            ports.put(s.port(), s.process());
            ports.put(s.managementPort(), s.process() + " management");
        });
        webProcesses().forEach(w -> ports.put(w.port(), w.process()));
        if (idp != null) {
            ports.put(idp.httpPort(), "Keycloak");
            ports.put(idp.managementPort(), "Keycloak management");
        }
        ports.forEach((port, what) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                taken.add(port + " (" + what + ")");
            }
        });
        return taken;
    }

    /**
     * Starts infra and services and waits until every service is ready, then the web processes and waits for them; on
     * failure stops what it started. A web process that is skipped ({@link #webSkipped()}) is reported first.
     */
    public void start() {
        List<WebSpec> web = webProcesses();
        webSkipped().values().forEach(progress);
        List<String> missing = options.services().stream().filter(s -> !Files.exists(s.runner(options.root())))
                .map(s -> s.runner(options.root()).toString()).toList();
        if (!missing.isEmpty()) {
            throw new StartFailure("The service builds are missing (" + missing.get(0) + "); run ./mvnw -DskipTests install.");
        }
        List<String> taken = takenPorts();
        if (!taken.isEmpty()) {
            throw new StartFailure("Port " + String.join(", ", taken) + " is already in use; stop what holds it"
                    + " (another ./platform run? then ./platform stop) and try again.");
        }
        try {
            Files.createDirectories(options.logs());
            Files.createDirectories(options.pids());
            brokerCredentials = BrokerCredentials.loadOrCreate(options.kafkaSecrets());
            if (idp != null) {
                startKeycloak(); // the slowest part: it starts first and is awaited after the infra
            }
            startInfra();
            if (idp != null) {
                awaitKeycloak();
            }
            // replica by replica: the first of every service is ready before the second starts (less CPU at once)
            for (int replica : options.services().stream().mapToInt(ServiceSpec::replica).distinct().sorted().toArray()) {
                List<ServiceSpec> wave = options.services().stream().filter(s -> s.replica() == replica).toList();
                for (ServiceSpec service : wave) {
                    launch(service, serviceCommand(service), Map.of(), false);
                }
                awaitReady(wave);
            }
            if (!web.isEmpty()) {
                // after the services: its first pages call them
                progress.accept("starting " + web.stream().map(WebSpec::process).collect(java.util.stream.Collectors.joining(", "))
                        + " ...");
                for (WebSpec process : web) {
                    launch(process, command(process), Map.of(), false);
                }
                awaitAll(web);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the store and the broker side by side and waits until both are ready. */
    private void startInfra() throws IOException {
        long started = System.nanoTime();
        progress.accept("starting the MongoDB-wire store and the Kafka broker ...");
        store = launch("store", infraCommand("store", "-Xmx768m"), false);
        broker = launch("broker", infraCommand("broker", "-Xmx384m"), false);
        long deadline = started + options.startTimeout().toNanos();
        awaitProcess("The local store", store, "store", () -> logContains("store", "READY"), deadline, 100);
        readyMillis.put("store", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        progress.accept(String.format("  store  ready in %.1f s (mongo %s, %s)", readyMillis.get("store") / 1000.0, options.mongo(),
                memoryStore || !Boolean.parseBoolean(InfraSettings.setting("durable-store", "true")) ? "in memory" : "durable"));
        awaitProcess("The local broker", broker, "broker", () -> logContains("broker", "READY"), deadline, 100);
        readyMillis.put("broker", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        progress.accept(String.format("  broker ready in %.1f s (kafka %s)", readyMillis.get("broker") / 1000.0, options.kafka()));
    }

    /** {@link LocalInfra#main} running one part, {@code store} or {@code broker}, on the state dir's data. */
    private List<String> infraCommand(String part, String heap) {
        List<String> command = new ArrayList<>(List.of(java(), heap, "-XX:+UseSerialGC",
                "-Dsusong.infra.data-dir=" + options.stateDir().resolve("data"),
                "-Dsusong.infra.kafka-port=" + options.kafkaPort(),
                "-Dsusong.infra.controller-port=" + options.controllerPort(),
                "-Dsusong.infra.mongo-port=" + options.mongoPort(),
                "-Dsusong.infra.kafka-secrets=" + options.kafkaSecrets(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (memoryStore) {
            command.add("-Dsusong.infra.durable-store=false");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalInfra.class.getName(), part));
        return command;
    }

    /** Polls until {@code ready}; fails when the process exits or the deadline passes. */
    private void awaitProcess(String what, Process process, String logName, java.util.function.BooleanSupplier ready,
                              long deadline, long pollMillis) {
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new StartFailure(what + " did not start; see " + log(logName) + ".");
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailure(what + " did not become ready in time; see " + log(logName) + ".");
            }
            sleep(pollMillis);
        }
    }

    private long keycloakStarted;

    private void startKeycloak() throws IOException {
        keycloakStarted = System.nanoTime();
        progress.accept("starting Keycloak (identity provider, about a minute) ...");
        KeycloakProcess.installRealm(idp);
        keycloak = launch("keycloak", Optional.empty(), KeycloakProcess.command(idp), KeycloakProcess.environment(idp), false);
    }

    private void awaitKeycloak() {
        // about a minute on a quiet machine; its first start in dev mode includes its own build, and on two cores
        // shared with several builds it took more than five: wait up to ten
        awaitProcess("Keycloak", keycloak, "keycloak", () -> KeycloakProcess.ready(idp),
                keycloakStarted + Math.max(options.startTimeout().toNanos(), Duration.ofMinutes(10).toNanos()), 500);
        readyMillis.put("keycloak", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - keycloakStarted));
        progress.accept(String.format("  keycloak ready in %.1f s (%s, %d MB resident)", readyMillis.get("keycloak") / 1000.0,
                idp.issuer(), KeycloakProcess.residentMegabytes(keycloak.toHandle())));
    }

    private List<String> serviceCommand(ServiceSpec service) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.profile=" + options.profile(),
                "-Dquarkus.http.port=" + service.port(),
                "-Dquarkus.management.port=" + service.managementPort(),
                "-Dkafka.bootstrap.servers=" + options.kafka(),
                "-Dquarkus.mongodb.connection-string=" + options.mongo()));
        if (idp != null) {
            command.addAll(KeycloakProcess.serviceProperties(idp, options.profile()));
        }
        if (businessDate != null) {
            command.addAll(businessDate.serviceProperties());
        }
        command.addAll(List.of("-jar", service.runner(options.root()).toString()));
        return command;
    }

    /**
     * A web process's command: the services' profile (the portal's development sign-in is on in {@code local}), its
     * HTTP port, its REST clients on the services' first replicas. With the identity provider ({@code --with-idp}) its
     * sign-in through it is on and the development sign-in off ({@link KeycloakProcess#portalProperties}; the client's
     * secret goes in its environment, {@link KeycloakProcess#portalEnvironment}). The portal's evaluation read model on,
     * on the services' broker and store ({@link WebSpec#evaluationProperties}; its broker credentials in its environment,
     * {@link #environment}). No business date (it keeps no clock of its own: the dates it shows are the services').
     */
    List<String> webCommand(WebSpec web) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.profile=" + options.profile(),
                "-Dquarkus.http.port=" + web.port()));
        command.addAll(web.clientProperties(options.services()));
        command.addAll(web.evaluationProperties(options.kafka(), options.mongo()));
        if (idp != null) {
            command.addAll(KeycloakProcess.portalProperties(idp, options.profile()));
        }
        command.addAll(List.of("-jar", web.runner(options.root()).toString()));
        return command;
    }

    private List<String> command(ProcessSpec process) {
        return process instanceof ServiceSpec service ? serviceCommand(service) : webCommand((WebSpec) process);
    }

    private void awaitReady(List<ServiceSpec> wave) {
        progress.accept("starting " + wave.size() + " services" + (wave.get(0).replica() > 1 || options.services().size() > wave.size()
                ? " (replica " + wave.get(0).replica() + ")" : "") + " ...");
        awaitAll(wave);
    }

    private void awaitAll(List<? extends ProcessSpec> started) {
        long since = System.nanoTime();
        long deadline = since + options.startTimeout().toNanos();
        List<ProcessSpec> waiting = new ArrayList<>(started);
        while (!waiting.isEmpty()) {
            for (ProcessSpec process : List.copyOf(waiting)) {
                if (!launched.get(process).isAlive()) {
                    throw new StartFailure("The " + describe(process) + " failed to start; see " + log(process.process()) + ".");
                }
                if (ready(process)) {
                    waiting.remove(process);
                    readyMillis.put(process.process(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
                    progress.accept(String.format("  %-19s ready in %.1f s  %s", process.process(),
                            readyMillis.get(process.process()) / 1000.0, process instanceof ServiceSpec s
                                    ? "http://localhost:" + s.port() + " (health on " + s.managementPort() + ")"
                                    : "http://localhost:" + ((WebSpec) process).port()));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailure("The " + describe(waiting.get(0)) + " did not become ready in "
                        + options.startTimeout().toSeconds() + " s; see " + log(waiting.get(0).process()) + ".");
            }
            sleep(200);
        }
    }

    /** "payments service", "portal": the subject of a sentence about the process. */
    private static String describe(ProcessSpec process) {
        return process instanceof ServiceSpec ? process.process() + " service" : process.process();
    }

    /** Its readiness answers UP: a service's on its management interface, a web process's on its HTTP port. */
    public boolean ready(ProcessSpec process) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(process.readiness())
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Loads each service's seed data through its admin endpoint (idempotent); with Keycloak, as its demo admin. */
    public void seed() {
        String token = idp == null ? null : KeycloakProcess.userToken(idp, "admin-huli");
        for (ServiceSpec service : options.services()) {
            if (!service.seeded() || service.replica() > 1) {
                continue; // one replica loads the service's data for all
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                        + "/admin/seed")).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
                if (token == null) {
                    request.header("X-User", "platform-launcher").header("X-Roles", "admin");
                } else {
                    request.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new StartFailure("Seeding " + service.name() + " failed with HTTP " + response.statusCode() + ": "
                            + response.body());
                }
                progress.accept("  seeded " + service.name() + ": " + response.body());
            } catch (IOException e) {
                throw new StartFailure("Seeding " + service.name() + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailure("Seeding was interrupted.");
            }
        }
    }

    /**
     * The first process that exited although nobody stopped it and that nobody will start again, if any: the store,
     * the broker, Keycloak, or (unless {@link #superviseServices supervised}) a service.
     */
    public String deadProcess() {
        if (store != null && !store.isAlive()) {
            return "store";
        }
        if (broker != null && !broker.isAlive()) {
            return "broker";
        }
        if (keycloak != null && !keycloak.isAlive()) {
            return "keycloak";
        }
        if (supervised()) {
            return null;
        }
        return launched.entrySet().stream().filter(e -> !e.getValue().isAlive()).map(e -> e.getKey().process()).findFirst()
                .orElse(null);
    }

    /**
     * From now on a service whose process exits, unless {@link #close()} stops it, is started again after a backoff
     * ({@link ServiceSupervisor}: 1 s doubling to 30 s, reset after a minute up), reported to the progress output and
     * appended to the service's log. Without it (the tests' default) a service that exits stays down.
     */
    public PlatformProcesses superviseServices() {
        return superviseServices(ServiceSupervisor.Backoff.DEFAULT);
    }

    PlatformProcesses superviseServices(ServiceSupervisor.Backoff backoff) {
        synchronized (lock) {
            if (supervisor == null && !closing) {
                supervisor = new ServiceSupervisor(backoff, Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "service-supervisor");
                    thread.setDaemon(true);
                    return thread;
                }), this::report);
                // one that exited before: nobody watched for it then
                launched.forEach((service, process) -> {
                    if (!process.isAlive()) {
                        supervisor.exited(service.process(), process.exitValue(), Duration.ZERO, () -> relaunch(service, process));
                    }
                });
            }
        }
        return this;
    }

    /** How often the supervisor restarted the service's process (a replica's: {@code payments-2}). */
    public int restarts(String service) {
        synchronized (lock) {
            return supervisor == null ? 0 : supervisor.restarts(service);
        }
    }

    private boolean supervised() {
        synchronized (lock) {
            return supervisor != null;
        }
    }

    /** Watches a service's or web process: when it exits and is still the current one, the supervisor (if any) acts. */
    private void watch(ProcessSpec service, Process process) {
        long started = System.nanoTime();
        process.onExit().thenRun(() -> {
            synchronized (lock) {
                if (supervisor == null || closing || launched.get(service) != process) {
                    return; // not supervised, stopping, or already started again (restart)
                }
                supervisor.exited(service.process(), process.exitValue(), Duration.ofNanos(System.nanoTime() - started),
                        () -> relaunch(service, process));
            }
        });
    }

    private void relaunch(ProcessSpec service, Process dead) {
        long started = System.nanoTime();
        synchronized (lock) {
            if (closing || launched.get(service) != dead) {
                return;
            }
            try {
                launch(service, command(service), Map.of(), true);
            } catch (IOException e) {
                report(service.process(), service.process() + " could not be started again: " + e.getMessage());
                supervisor.exited(service.process(), -1, Duration.ZERO, () -> relaunch(service, dead));
                return;
            }
        }
        Thread awaitBack = new Thread(() -> {
            long deadline = started + options.startTimeout().toNanos();
            while (!closing() && System.nanoTime() < deadline && launched.get(service).isAlive()) {
                if (ready(service)) {
                    report(service.process(), String.format("%s is ready again after %.1f s", service.process(),
                            (System.nanoTime() - started) / 1e9));
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "await-" + service.process());
        awaitBack.setDaemon(true);
        awaitBack.start();
    }

    private boolean closing() {
        synchronized (lock) {
            return closing;
        }
    }

    /** A supervision line to the progress output and to the end of the service's log. */
    private void report(String service, String line) {
        progress.accept(line);
        try {
            Files.writeString(log(service), "[launcher] " + line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the progress output has it
        }
    }

    /**
     * The names {@link #pause} and {@code ./platform pause} accept: store, broker, keycloak, the services' processes
     * ({@code payments}, and {@code payments-2} for a second replica) and the web processes ({@code portal}).
     */
    public static List<String> processNames(List<ServiceSpec> services) {
        List<String> names = new ArrayList<>(List.of("store", "broker", "keycloak"));
        services.forEach(s -> names.add(s.process()));
        WebSpec.ALL.forEach(w -> names.add(w.process()));
        return names;
    }

    /**
     * Freezes a process (SIGSTOP): it holds its sockets but answers nothing, so its peers' connections hang as in a
     * network partition, until {@link #resume}. An outage of the store or the broker without closing a connection.
     */
    public void pause(String name) {
        Signals.send("STOP", running(name).pid());
        progress.accept("paused " + name);
    }

    /** Lets a paused process run on (SIGCONT). */
    public void resume(String name) {
        Signals.send("CONT", running(name).pid());
        progress.accept("resumed " + name);
    }

    private Process running(String name) {
        if (!processNames(options.services()).contains(name)) {
            throw new IllegalArgumentException("Unknown process '" + name + "'; one of "
                    + String.join(", ", processNames(options.services())) + ".");
        }
        Process process = switch (name) {
            case "store" -> store;
            case "broker" -> broker;
            case "keycloak" -> keycloak;
            default -> launched.entrySet().stream().filter(e -> e.getKey().process().equals(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        };
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("The " + name + " process is not running.");
        }
        return process;
    }

    /** The services' processes, replica by replica (as started). */
    public List<ServiceSpec> serviceProcesses() {
        return options.services();
    }

    /**
     * Asks one service process to stop (SIGTERM, as {@code kill <pid>} or Kubernetes evicting a pod) and returns at once:
     * it shuts down gracefully, as fast as its peers let it; supervised, it is started again once it has exited.
     */
    public void terminate(String name) {
        Process process = running(name);
        progress.accept("SIGTERM to " + name + " (pid " + process.pid() + ")");
        process.destroy();
    }

    /** Kills one service process at once (SIGKILL), as a crash would; for tests. */
    public void kill(String name) {
        launched.entrySet().stream().filter(e -> e.getKey().process().equals(name)).findFirst().ifPresent(e -> {
            e.getValue().destroyForcibly();
            waitFor(e.getValue(), Duration.ofSeconds(10));
        });
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public void restart(String name) throws IOException {
        ProcessSpec service = relaunch(name, Map.of());
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (!ready(service)) {
            if (!launched.get(service).isAlive() || System.nanoTime() > deadline) {
                throw new StartFailure("The " + name + " service did not come back; see " + log(name) + ".");
            }
            sleep(200);
        }
    }

    /**
     * Starts a stopped or killed service again with extra environment variables (e.g. the test-only fault point
     * {@code SUSONG_FAULTS_HALT_AFTER_WRITES}) and returns at once: it may stop by itself ({@link #awaitExit}).
     */
    public ProcessSpec relaunch(String name, Map<String, String> environment) throws IOException {
        ProcessSpec service = launched.keySet().stream().filter(s -> s.process().equals(name)).findFirst().orElseThrow();
        launch(service, command(service), environment, true);
        return service;
    }

    /** Waits for a service's process to exit by itself and returns its exit code; fails if it still runs after {@code timeout}. */
    public int awaitExit(String name, Duration timeout) throws InterruptedException {
        Process process = launched.entrySet().stream().filter(e -> e.getKey().process().equals(name)).findFirst().orElseThrow()
                .getValue();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The " + name + " service still runs after " + timeout.toSeconds() + " s; see "
                    + log(name) + ".");
        }
        return process.exitValue();
    }

    /** Stops the broker and store (services keep running, as in an outage) and starts them again on the same data. */
    public void restartInfra() throws IOException {
        Signals.continueAll(List.of(broker, store));
        broker.destroy();
        waitFor(broker, Duration.ofSeconds(60));
        store.destroy();
        waitFor(store, Duration.ofSeconds(60));
        startInfra(); // each log starts afresh, so the READY awaited is the new one
    }

    /**
     * Web processes first (they call the services), then the services, each waited for, then Keycloak, then the broker,
     * then the store; no restart after this.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            if (supervisor != null) {
                supervisor.close();
            }
        }
        List<Process> all = new ArrayList<>(launched.values());
        all.addAll(java.util.Arrays.asList(keycloak, broker, store));
        Signals.continueAll(all);
        for (boolean web : new boolean[] {true, false}) {
            List<Process> running = launched.entrySet().stream().filter(e -> (e.getKey() instanceof WebSpec) == web)
                    .map(Map.Entry::getValue).toList();
            running.forEach(Process::destroy);
            running.forEach(p -> waitFor(p, Duration.ofSeconds(30)));
        }
        launched.clear();
        if (keycloak != null) {
            keycloak.destroy();
            waitFor(keycloak, Duration.ofSeconds(30));
            keycloak = null;
        }
        if (broker != null) {
            broker.destroy();
            waitFor(broker, Duration.ofSeconds(60));
            broker = null;
        }
        if (store != null) {
            store.destroy();
            waitFor(store, Duration.ofSeconds(60));
            store = null;
        }
        try {
            if (Files.isDirectory(options.pids())) {
                try (var files = Files.list(options.pids())) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException ignored) {
            // stale pid files are cleaned by ./platform stop
        }
    }

    /** Starts the store, the broker or Keycloak. */
    private Process launch(String name, List<String> command, boolean appendLog) throws IOException {
        return launch(name, Optional.empty(), command, Map.of(), appendLog);
    }

    /**
     * Starts a service's process (one replica's) or a web process, which becomes its current process, watched for an
     * unexpected exit.
     */
    private Process launch(ProcessSpec service, List<String> command, Map<String, String> environment, boolean appendLog)
            throws IOException {
        return launch(service.process(), Optional.of(service), command, environment, appendLog);
    }

    private Process launch(String name, Optional<ProcessSpec> service, List<String> command, Map<String, String> environment,
                           boolean appendLog) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // own session: a Ctrl-C at the terminal reaches the launcher only, which stops the rest in order
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        service.ifPresent(s -> builder.environment().putAll(environment(s)));
        builder.environment().putAll(environment);
        Process process = builder.directory(options.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log(name).toFile())
                        : ProcessBuilder.Redirect.to(log(name).toFile()))
                .start();
        Files.writeString(options.pids().resolve(name + ".pid"), Long.toString(process.pid()));
        if (service.isPresent()) {
            synchronized (lock) {
                launched.put(service.get(), process);
                watch(service.get(), process);
            }
        }
        return process;
    }

    /**
     * The environment a service's or web process gets besides the launcher's: every replica logs in as the service's own
     * broker principal and gets the services' environment ({@link #withServiceEnvironment}); a web process that reads
     * events (the portal) logs in as its own principal, and with the identity provider gets its client's secret; neither
     * on a command line. Before {@link #start()} it reads (or makes) the secrets file itself.
     */
    Map<String, String> environment(ProcessSpec process) {
        if (brokerCredentials == null) {
            brokerCredentials = BrokerCredentials.loadOrCreate(options.kafkaSecrets());
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (process instanceof ServiceSpec s) {
            env.putAll(brokerCredentials.serviceEnvironment(s.name()));
            env.putAll(serviceEnvironment);
        }
        if (process instanceof WebSpec web) {
            if (web.readsEvents()) {
                env.putAll(brokerCredentials.serviceEnvironment(web.name()));
            }
            if (idp != null) {
                env.putAll(KeycloakProcess.portalEnvironment(idp));
            }
        }
        return env;
    }

    private Path log(String name) {
        return options.logs().resolve(name + ".log");
    }

    private boolean logContains(String name, String text) {
        try {
            return Files.exists(log(name)) && Files.readString(log(name)).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void waitFor(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("Interrupted while starting.");
        }
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        // a port is bound only when its process starts, so the kernel may offer a port handed out a moment ago again
        // (seen in CI: a service's management port equal to another service's HTTP port, answering its requests with
        // 404); never hand out one port twice in this JVM
        for (int attempt = 0; attempt < 1000; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port not handed out before in 1000 attempts");
    }

    /** Ports {@link #freePort} handed out in this JVM. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
}
