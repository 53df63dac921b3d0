package org.susong.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The auditor of issue 12, behind {@code ./platform audit}: reads each service's {@code GET /admin/audit}
 * (role {@code auditor}) and every {@code *.dlq} topic from its beginning, joins the reports per
 * application, prints what it checked, what is waiting (with its age) and every breach.
 * Exit codes: 0 no breach, 1 a breach, 2 a service or the broker could not be read (or usage).
 *
 * <p>Checks made here, across services: every accepted application is in an end state, visibly
 * waiting (some service reports a waiting item for it) or younger than twice the largest resume
 * delay the services report ({@value #APPLICATION_CHECK}); no open application's current decision has
 * a payment order that has been final that long ({@value #FINAL_ORDER_CHECK}); every dead letter not yet
 * replayed ({@code ./platform replay}, {@link DeadLetterReplay}) carries the {@value #POISON_HEADER} header
 * ({@value #DLQ_CHECK}). A breach counts when a second
 * reading two seconds later finds it again (a movement finished between two scans is not one).
 */
public final class Audit {

    /** Header of a record a test poisons on purpose; its dead letters are expected, every other one is a breach. */
    public static final String POISON_HEADER = "susong-test-poison";
    static final String APPLICATION_CHECK = "platform.application-end-or-waiting";
    static final String FINAL_ORDER_CHECK = "platform.open-application-order-not-final";
    static final String DLQ_CHECK = "platform.dlq-only-test-poison";

    /** Where to find the platform: service name to base URL, the broker and the client settings to log in to it. */
    public record Target(Map<String, String> services, String kafka, Map<String, String> kafkaSecurity) {

        /** A plaintext broker. */
        public Target(Map<String, String> services, String kafka) {
            this(services, kafka, Map.of());
        }

        /**
         * The platform of {@code ./platform run}: the README's ports, the ops principal of {@code .platform/secrets};
         * in a cluster Job, the broker and login of its {@code KAFKA_*} environment (BrokerCredentials.opsClientProperties).
         */
        public static Target local() {
            return of(ServiceSpec.ALL, BrokerCredentials.bootstrap(System.getenv(), "127.0.0.1:" + InfraSettings.DEFAULT_KAFKA_PORT),
                    BrokerCredentials.opsClientProperties());
        }

        /** The services on 127.0.0.1 at their ports, a plaintext broker. */
        public static Target of(List<ServiceSpec> services, String kafka) {
            return of(services, kafka, Map.of());
        }

        /** The services on 127.0.0.1 at their ports (the e2e platform's free ports). */
        public static Target of(List<ServiceSpec> services, String kafka, Map<String, String> kafkaSecurity) {
            Map<String, String> urls = new LinkedHashMap<>();
            // replicas share the store: the first replica answers for the service
            services.forEach(s -> urls.putIfAbsent(s.name(), "http://127.0.0.1:" + s.port()));
            return new Target(urls, kafka, kafkaSecurity);
        }
    }

    /**
     * One check's outcome as printed; {@code replayed}: of the things checked, how many were handled and so not counted
     * (the dead letters {@code ./platform replay} handed back to their service).
     */
    public record CheckResult(String name, String description, long checked, List<String> breaches, long replayed) {

        public CheckResult(String name, String description, long checked, List<String> breaches) {
            this(name, description, checked, breaches, 0);
        }
    }

    /** The audit's outcome: every check, what waits, what is in progress, what could not be read. */
    public record Result(Instant at, long staleAfterSeconds, List<CheckResult> checks, List<String> waiting,
                         List<String> inProgress, List<String> unreachable) {

        public List<String> breaches() {
            return checks.stream().flatMap(c -> c.breaches().stream().map(b -> c.name() + ": " + b)).toList();
        }

        /** The checks that found a breach. */
        public List<String> failedChecks() {
            return checks.stream().filter(c -> !c.breaches().isEmpty()).map(CheckResult::name).toList();
        }

        public int exitCode() {
            return !unreachable.isEmpty() ? 2 : breaches().isEmpty() ? 0 : 1;
        }

        public void print(PrintStream out) {
            out.printf("Susong audit at %s (an open application not waiting is stalled after %d s)%n", at, staleAfterSeconds);
            for (CheckResult c : checks) {
                out.printf("  %-4s %-48s checked %6d  breaches %d%s%n", c.breaches().isEmpty() ? "ok" : "FAIL", c.name(), c.checked(),
                        c.breaches().size(), c.replayed() == 0 ? "" : "  replayed " + c.replayed());
                out.printf("         %s%n", c.description());
            }
            out.printf("Waiting (%d):%n", waiting.size());
            waiting.forEach(w -> out.println("  " + w));
            out.printf("In progress (%d):%n", inProgress.size());
            inProgress.forEach(w -> out.println("  " + w));
            unreachable.forEach(u -> out.println("UNREACHABLE " + u));
            breaches().forEach(b -> out.println("BREACH " + b));
            out.println(switch (exitCode()) {
                case 0 -> "PASS: " + checks.size() + " checks, no breach";
                case 1 -> "FAIL: " + breaches().size() + " breaches in " + failedChecks();
                default -> "INCOMPLETE: " + unreachable.size() + " part(s) could not be read; " + breaches().size() + " breaches";
            });
        }
    }

    /** One service's {@code GET /admin/audit} as read with some roles: the HTTP status, the body, the report if 200. */
    public record Reading(int status, String body, JsonNode report) {

        /** The ids of a check's breaches (empty when the check is not in the report). */
        public List<String> breachIds(String check) {
            List<String> ids = new ArrayList<>();
            for (JsonNode c : report.path("checks")) {
                if (check.equals(c.path("name").asText())) {
                    c.path("breaches").forEach(b -> ids.add(b.path("id").asText()));
                }
            }
            return ids;
        }

        /** An item of a list ({@code waiting}, {@code inProgress}, {@code finished}) by its id, or a missing node. */
        public JsonNode item(String list, String id) {
            for (JsonNode item : report.path(list)) {
                if (id.equals(item.path("id").asText())) {
                    return item;
                }
            }
            return report.path(list).path(Integer.MAX_VALUE);
        }
    }

    static final String AUDITOR_ROLE = "auditor";
    /** How long after a reading with a breach the auditor reads again to confirm it. */
    static final Duration CONFIRM_AFTER = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A bearer token to read the reports with (--token, or {@link #bearer(Map)}); without one, the header stub's auditor. */
    static volatile String bearer;

    private Audit() {
    }

    /**
     * The token to read the reports with: {@code SUSONG_TOKEN} when given; else, with {@code SUSONG_OPS_CLIENT_SECRET}
     * and the identity provider's issuer ({@code QUARKUS_OIDC_AUTH_SERVER_URL}, as the services read it), the ops
     * client's own (client credentials; the Job in a cluster); else none (the header stub's auditor).
     */
    static String bearer(Map<String, String> env) {
        String given = env.get("SUSONG_TOKEN");
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        String issuer = env.get("QUARKUS_OIDC_AUTH_SERVER_URL");
        String secret = env.get("SUSONG_OPS_CLIENT_SECRET");
        if (issuer == null || issuer.isBlank() || secret == null || secret.isBlank()) {
            return null;
        }
        return KeycloakProcess.clientCredentialsToken(issuer, env.getOrDefault("SUSONG_OPS_CLIENT_ID",
                KeycloakProcess.OPS_CLIENT), secret);
    }

    public static void main(String[] args) {
        // the Kafka clients log their whole configuration at INFO; the person at the terminal wants the audit
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        bearer = bearer(System.getenv());
        Target target = Target.local();
        Map<String, String> urls = new LinkedHashMap<>(target.services());
        String kafka = target.kafka();
        for (String arg : args) {
            String[] kv = arg.startsWith("--") ? arg.substring(2).split("=", 2) : new String[0];
            if (kv.length == 2 && kv[0].equals("kafka")) {
                kafka = kv[1];
            } else if (kv.length == 2 && kv[0].equals("token")) {
                bearer = kv[1].trim();
            } else if (kv.length == 2 && urls.containsKey(kv[0])) {
                urls.put(kv[0], kv[1]);
            } else {
                System.err.println("usage: ./platform audit [--kafka=host:port] [--token=<bearer token>] "
                        + "[--<service>=http://host:port ...]");
                System.exit(2);
            }
        }
        Result result = run(new Target(urls, kafka, target.kafkaSecurity()));
        result.print(System.out);
        System.exit(result.exitCode());
    }

    /** Runs every check against a running platform. */
    public static Result run(Target target) {
        return run(target, CONFIRM_AFTER);
    }

    /**
     * Runs every check; when one finds a breach, reads everything again after {@code confirmAfter} and
     * keeps only the breaches found both times. A service's scans are not one snapshot (its journal is
     * read before its lines, say), so a movement finished between two scans would otherwise be reported;
     * a real breach stays. {@link Duration#ZERO} reports the first reading as it is.
     */
    public static Result run(Target target, Duration confirmAfter) {
        Result first = readAll(target);
        if (first.breaches().isEmpty() || confirmAfter.isZero()) {
            return first;
        }
        try {
            Thread.sleep(confirmAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return first;
        }
        Result second = readAll(target);
        Set<String> before = new java.util.HashSet<>();
        first.checks().forEach(c -> c.breaches().forEach(b -> before.add(c.name() + " " + breachId(b))));
        List<CheckResult> confirmed = second.checks().stream().map(c -> new CheckResult(c.name(), c.description(), c.checked(),
                c.breaches().stream().filter(b -> before.contains(c.name() + " " + breachId(b))).toList(), c.replayed())).toList();
        return new Result(second.at(), second.staleAfterSeconds(), confirmed, second.waiting(), second.inProgress(),
                second.unreachable());
    }

    private static String breachId(String breach) {
        int dash = breach.indexOf(" - ");
        return dash < 0 ? breach : breach.substring(0, dash);
    }

    private static Result readAll(Target target) {
        List<String> unreachable = new ArrayList<>();
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        target.services().forEach((name, url) -> {
            try {
                Reading reading = read(url, AUDITOR_ROLE);
                if (reading.status() != 200) {
                    unreachable.add(name + " answered HTTP " + reading.status() + ": " + reading.body());
                } else {
                    reports.put(name, reading.report());
                }
            } catch (IOException e) {
                unreachable.add(name + " at " + url + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unreachable.add(name + ": interrupted");
            }
        });
        List<CheckResult> checks = new ArrayList<>();
        for (JsonNode report : reports.values()) {
            for (JsonNode c : report.path("checks")) {
                List<String> breaches = new ArrayList<>();
                c.path("breaches").forEach(b -> breaches.add(b.path("id").asText() + " - " + b.path("detail").asText()));
                checks.add(new CheckResult(c.path("name").asText(), c.path("description").asText(), c.path("checked").asLong(),
                        breaches));
            }
        }
        long staleAfter = 2 * reports.values().stream().mapToLong(r -> r.path("resumeDelaySeconds").asLong()).max().orElse(30);
        List<String> waiting = new ArrayList<>();
        List<String> inProgress = new ArrayList<>();
        checks.addAll(joinApplications(reports, staleAfter, waiting, inProgress));
        try {
            checks.add(deadLetters(target.kafka(), target.kafkaSecurity()));
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            unreachable.add("broker " + target.kafka() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreachable.add("broker: interrupted");
        }
        return new Result(Instant.now(), staleAfter, checks, waiting, inProgress, unreachable);
    }

    /** Reads one service's report as a principal with {@code roles} (comma-separated); also what the service tests use. */
    public static Reading read(String baseUrl, String roles) throws IOException, InterruptedException {
        return get(baseUrl, "/admin/audit", roles, Duration.ofSeconds(60));
    }

    /**
     * One admin read of a service ({@code path}, e.g. {@code /admin/decisions/replay}) with the audit's credentials:
     * the bearer token when there is one, else the header stub's principal with {@code roles}.
     */
    static Reading get(String baseUrl, String path, String roles, Duration timeout) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout).GET();
        if (bearer != null && !bearer.isEmpty()) {
            // a platform run with the identity provider: the ops client's token (./platform token --ops)
            request.header("Authorization", "Bearer " + bearer);
        } else {
            request.header("X-User", "platform-auditor").header("X-Roles", roles);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reading(response.statusCode(), response.body(),
                response.statusCode() == 200 ? JSON.readTree(response.body()) : null);
    }

    /** The two checks per application; fills the waiting and in-progress lists as printed. */
    static List<CheckResult> joinApplications(Map<String, JsonNode> reports, long staleAfter, List<String> waiting,
                                              List<String> inProgress) {
        Map<String, List<String>> waitsFor = new HashMap<>();
        Map<String, JsonNode> finalByDecision = new HashMap<>();
        reports.forEach((service, report) -> {
            for (JsonNode w : report.path("waiting")) {
                String line = service + " " + w.path("id").asText() + " " + w.path("state").asText() + ", "
                        + w.path("ageSeconds").asLong() + " s";
                String application = w.path("applicationId").asText(null);
                if (application == null) {
                    waiting.add(line);
                } else {
                    waitsFor.computeIfAbsent(application, a -> new ArrayList<>()).add(line);
                }
            }
            for (JsonNode f : report.path("finished")) {
                finalByDecision.put(f.path("reference").asText(), f);
            }
        });
        JsonNode applications = reports.get("applications");
        List<String> stalled = new ArrayList<>();
        List<String> finalOpen = new ArrayList<>();
        Set<String> consumed = new java.util.HashSet<>();
        long open = 0;
        for (JsonNode a : applications == null ? JSON.createArrayNode() : applications.path("inProgress")) {
            open++;
            String id = a.path("id").asText();
            long age = a.path("ageSeconds").asLong();
            String line = "application " + id + " " + a.path("state").asText() + ", " + age + " s";
            List<String> waits = waitsFor.get(id);
            if (waits != null) {
                consumed.add(id);
                waiting.add(line + " <- " + String.join("; ", waits));
            } else if (age > staleAfter) {
                stalled.add(id + " - " + a.path("state").asText() + " for " + age + " s and no service reports it waiting");
            } else {
                inProgress.add(line);
            }
            JsonNode order = finalByDecision.get(a.path("reference").asText(""));
            if (order != null && order.path("ageSeconds").asLong() > staleAfter) {
                finalOpen.add(id + " - still " + a.path("state").asText() + " but its order " + order.path("id").asText()
                        + " has been " + order.path("state").asText() + " for " + order.path("ageSeconds").asLong() + " s");
            }
        }
        waitsFor.forEach((application, waits) -> {
            if (!consumed.contains(application)) {
                waiting.addAll(waits);
            }
        });
        long accepted = open;
        for (JsonNode c : applications == null ? JSON.createArrayNode() : applications.path("checks")) {
            accepted = Math.max(accepted, c.path("checked").asLong());
        }
        return List.of(
                new CheckResult(APPLICATION_CHECK, "every accepted application is in an end state (PAID, CONVERTED, WITHDRAWN,"
                        + " CLOSED, REJECTED), visibly waiting (notice window open, approval, budget, review, objection,"
                        + " payee account, bank statement) or in its state for less than " + staleAfter + " s", accepted, stalled),
                new CheckResult(FINAL_ORDER_CHECK, "no open application's current decision has a payment order final (SETTLED,"
                        + " CONVERTED, RELEASED, RETURNED) for more than " + staleAfter + " s", open, finalOpen));
    }

    /** Reads every {@code *.dlq} topic from the beginning to its end offsets, without a consumer group. */
    static CheckResult deadLetters(String kafka) throws ExecutionException, InterruptedException, TimeoutException {
        return deadLetters(kafka, Map.of());
    }

    static CheckResult deadLetters(String kafka, Map<String, String> security)
            throws ExecutionException, InterruptedException, TimeoutException {
        Properties p = new Properties();
        p.putAll(security);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        List<TopicPartition> partitions = new ArrayList<>();
        Map<TopicPartition, Long> replayedUpTo = new HashMap<>();
        List<String> unreadableProgress = new ArrayList<>();
        try (AdminClient admin = AdminClient.create(p)) {
            Set<String> topics = admin.listTopics().names().get(20, TimeUnit.SECONDS).stream().filter(t -> t.endsWith(".dlq"))
                    .collect(Collectors.toSet());
            admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values().forEach(d -> d.partitions()
                    .forEach(i -> partitions.add(new TopicPartition(d.name(), i.partition()))));
            for (String topic : topics) {
                try {
                    replayedUpTo.putAll(DeadLetterReplay.replayedUpTo(admin, topic));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupAuthorizationException)) {
                        throw e;
                    }
                    // not this principal's to read: its dead letters all count, as before replays were known
                    unreadableProgress.add(DeadLetterReplay.group(topic));
                }
            }
        }
        Properties c = new Properties();
        c.putAll(security);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> breaches = new ArrayList<>();
        long read = 0;
        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the dead-letter topics were not read to their end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    read++;
                    Long handedOn = replayedUpTo.get(new TopicPartition(r.topic(), r.partition()));
                    if (handedOn != null && r.offset() < handedOn && DeadLetterReplay.origin(r) != null) {
                        replayed++; // ./platform replay handed it back to its service; failing again makes a new one
                    } else if (r.headers().lastHeader(POISON_HEADER) == null) {
                        breaches.add(r.topic() + "-" + r.partition() + "@" + r.offset() + " - key " + text(r.key())
                                + ", from " + header(r, "dead-letter-topic") + ": " + header(r, "dead-letter-reason"));
                    }
                }
            }
        }
        return new CheckResult(DLQ_CHECK, "every record on a *.dlq topic (" + partitions.size() + " partitions, read from the"
                + " beginning) not yet replayed (./platform replay <service>.dlq, group <service>.dlq" + DeadLetterReplay.GROUP_SUFFIX
                + ") carries the " + POISON_HEADER + " header of a deliberately poisoned test record; " + replayed + " replayed"
                + (unreadableProgress.isEmpty() ? "" : " (replay progress not readable by this principal: "
                + String.join(", ", unreadableProgress) + ")"), read, breaches, replayed);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "?" : text(h.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
