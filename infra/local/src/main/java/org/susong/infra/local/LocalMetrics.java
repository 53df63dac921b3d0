package org.susong.infra.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.susong.commons.messaging.TopicCatalogue;

/**
 * {@code ./platform run --with-metrics} (issue 17): Debian's Prometheus on 127.0.0.1:9090 with
 * {@code infra/observability/prometheus-local.yml} (the five management ports and the alert rules of a
 * cluster), and beside it, on 127.0.0.1:9308, the series of Kafka Exporter that the rules read, computed
 * here with the AdminClient at each scrape: {@code kafka_consumergroup_lag} and
 * {@code kafka_consumergroup_current_offset} per group, topic and partition, and
 * {@code kafka_topic_partition_current_offset} / {@code kafka_topic_partition_oldest_offset} per topic
 * partition. A stopped consumer's own lag series disappear with it; these do not. The binaries come from
 * {@code infra/observability/promtool.sh} (the Debian package unpacked into ~/.cache/susong/prometheus).
 */
final class LocalMetrics implements AutoCloseable {

    static final int EXPORTER_PORT = 9308;
    static final int PROMETHEUS_PORT = 9090;

    private final Admin admin;
    private final HttpServer exporter;
    private final Process prometheus;
    private final Path pidFile;

    private LocalMetrics(Admin admin, HttpServer exporter, Process prometheus, Path pidFile) {
        this.admin = admin;
        this.exporter = exporter;
        this.prometheus = prometheus;
        this.pidFile = pidFile;
    }

    static LocalMetrics start(PlatformProcesses.Options options, Consumer<String> out) throws IOException, InterruptedException {
        Path root = options.root();
        Process fetch = new ProcessBuilder(root.resolve("infra/observability/promtool.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String bin = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (fetch.waitFor() != 0 || !Files.isExecutable(Path.of(bin, "prometheus"))) {
            throw new PlatformProcesses.StartFailure("No Prometheus: infra/observability/promtool.sh could not fetch Debian's"
                    + " prometheus package (apt-get download prometheus); run it by hand to see why, or start without --with-metrics.");
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        // describing the services' consumer groups needs the super user (ops may describe only its own groups)
        BrokerCredentials.readIfPresent(options.kafkaSecrets()).ifPresent(c -> p.putAll(BrokerAccess.adminClient(c)));
        Admin admin = Admin.create(p);
        HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", EXPORTER_PORT), 0);
        exporter.createContext("/metrics", exchange -> {
            byte[] body;
            int status = 200;
            try {
                body = scrape(admin).getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                status = 503; // the broker cannot be read: Prometheus records up=0 for the exporter
                body = ("# " + e + "\n").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        exporter.start();
        Path data = options.stateDir().resolve("prometheus");
        Files.createDirectories(data);
        Files.createDirectories(options.pids());
        Process prometheus = new ProcessBuilder(Path.of(bin, "prometheus").toString(),
                "--config.file=" + root.resolve("infra/observability/prometheus-local.yml"),
                "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=2d",
                "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT)
                .redirectErrorStream(true).redirectOutput(options.logs().resolve("prometheus.log").toFile()).start();
        Path pidFile = options.pids().resolve("prometheus.pid");
        Files.writeString(pidFile, Long.toString(prometheus.pid()));
        out.accept("  prometheus ready: http://127.0.0.1:" + PROMETHEUS_PORT + "/alerts (lag exporter on 127.0.0.1:"
                + EXPORTER_PORT + "/metrics; log " + options.logs().resolve("prometheus.log") + ")");
        return new LocalMetrics(admin, exporter, prometheus, pidFile);
    }

    /** Kafka Exporter's series for the catalogue's topics and the services' consumer groups, in the text format. */
    static String scrape(Admin admin) throws Exception {
        List<String> topics = new ArrayList<>(TopicCatalogue.load().topics().keySet());
        Map<TopicPartition, OffsetSpec> latest = new TreeMap<>(LocalMetrics::compare);
        Map<TopicPartition, OffsetSpec> earliest = new TreeMap<>(LocalMetrics::compare);
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, d) -> d.partitions().forEach(pi -> {
            latest.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(topic, pi.partition()), OffsetSpec.earliest());
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
        StringBuilder s = new StringBuilder();
        s.append("# TYPE kafka_topic_partition_current_offset gauge\n");
        ends.entrySet().stream().sorted((a, b) -> compare(a.getKey(), b.getKey())).forEach(e -> s.append(
                "kafka_topic_partition_current_offset").append(labels(null, e.getKey())).append(' ').append(e.getValue().offset()).append('\n'));
        s.append("# TYPE kafka_topic_partition_oldest_offset gauge\n");
        starts.entrySet().stream().sorted((a, b) -> compare(a.getKey(), b.getKey())).forEach(e -> s.append(
                "kafka_topic_partition_oldest_offset").append(labels(null, e.getKey())).append(' ').append(e.getValue().offset()).append('\n'));
        StringBuilder lag = new StringBuilder("# TYPE kafka_consumergroup_lag gauge\n");
        StringBuilder current = new StringBuilder("# TYPE kafka_consumergroup_current_offset gauge\n");
        for (Map.Entry<String, List<String>> group : new TreeMap<>(BrokerAccess.CONSUMES).entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                if (!group.getValue().contains(end.getKey().topic())) {
                    continue;
                }
                OffsetAndMetadata at = committed.get(end.getKey());
                // nothing committed yet: the group reads from the earliest offset, so all of the partition is lag
                long position = at != null ? at.offset() : starts.get(end.getKey()).offset();
                String l = labels(group.getKey(), end.getKey());
                lag.append("kafka_consumergroup_lag").append(l).append(' ').append(Math.max(0, end.getValue().offset() - position)).append('\n');
                current.append("kafka_consumergroup_current_offset").append(l).append(' ').append(position).append('\n');
            }
        }
        return s.append(lag).append(current).toString();
    }

    private static String labels(String group, TopicPartition tp) {
        return "{" + (group == null ? "" : "consumergroup=\"" + group + "\",") + "topic=\"" + tp.topic() + "\",partition=\""
                + tp.partition() + "\"}";
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int c = a.topic().compareTo(b.topic());
        return c != 0 ? c : Integer.compare(a.partition(), b.partition());
    }

    @Override
    public void close() {
        prometheus.destroy();
        try {
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // nothing to do
        }
        exporter.stop(0);
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
