package org.susong.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Store operations and broker records as the services' own clients count them, read from /q/metrics: the MongoDB
 * driver's command timer ({@code mongodb_driver_commands_seconds_count} by command and collection, on with
 * {@code quarkus.mongodb.metrics.enabled}) and the Kafka producers' {@code kafka_producer_record_send_total}. The
 * harness takes the difference of two snapshots; it counts nothing itself.
 */
final class Metrics {

    static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify");
    static final Set<String> READS = Set.of("find", "getmore", "aggregate", "count", "distinct");

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One service's counters: "command/collection" -> commands, and the records its producers sent. */
    record Snapshot(Map<String, Double> commands, double recordsSent) {

        Snapshot minus(Snapshot before) {
            Map<String, Double> diff = new TreeMap<>();
            commands.forEach((k, v) -> {
                double d = v - before.commands.getOrDefault(k, 0.0);
                if (d != 0) {
                    diff.put(k, d);
                }
            });
            return new Snapshot(diff, recordsSent - before.recordsSent);
        }

        double writes() {
            return sum(WRITES);
        }

        double reads() {
            return sum(READS);
        }

        double others() {
            return commands.entrySet().stream().filter(e -> {
                String c = command(e.getKey());
                return !WRITES.contains(c) && !READS.contains(c);
            }).mapToDouble(Map.Entry::getValue).sum();
        }

        private double sum(Set<String> kinds) {
            return commands.entrySet().stream().filter(e -> kinds.contains(command(e.getKey())))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        /** Writes by "command/collection", the largest first. */
        Map<String, Double> writesByCollection() {
            Map<String, Double> m = new TreeMap<>();
            commands.forEach((k, v) -> {
                if (WRITES.contains(command(k))) {
                    m.put(k, v);
                }
            });
            return m;
        }

        private static String command(String key) {
            return key.substring(0, key.indexOf('/')).toLowerCase(Locale.ROOT);
        }
    }

    static Snapshot parse(String prometheusText) {
        Map<String, Double> commands = new TreeMap<>();
        double records = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            double value;
            try {
                value = Double.parseDouble(m.group(4));
            } catch (NumberFormatException e) {
                continue;
            }
            if (name.equals("mongodb_driver_commands_seconds_count")) {
                Map<String, String> labels = labels(m.group(3));
                if (!"SUCCESS".equalsIgnoreCase(labels.getOrDefault("status", "SUCCESS"))) {
                    continue; // failed commands are counted apart by the driver; a failed write wrote nothing
                }
                String key = labels.getOrDefault("command", "?") + "/" + labels.getOrDefault("collection", "-");
                commands.merge(key, value, Double::sum);
            } else if (name.equals("kafka_producer_record_send_total")) {
                records += value;
            }
        }
        return new Snapshot(commands, records);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text != null) {
            Matcher m = LABEL.matcher(text);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }

    static Map<String, Snapshot> snapshot(Api api) {
        Map<String, Snapshot> all = new TreeMap<>();
        for (String service : Api.PORTS.keySet()) {
            all.put(service, parse(api.metrics(service)));
        }
        return all;
    }

    static Map<String, Snapshot> diff(Map<String, Snapshot> after, Map<String, Snapshot> before) {
        Map<String, Snapshot> d = new TreeMap<>();
        after.forEach((s, snap) -> d.put(s, snap.minus(before.get(s))));
        return d;
    }

    /** Prints store operations and broker records per journey, per service and in total. */
    static void print(Map<String, Snapshot> diff, int journeys, boolean detail) {
        System.out.printf("store operations and broker records per journey (%d journeys; the services' /q/metrics, after - before)%n",
                journeys);
        System.out.printf("  %-17s %8s %8s %8s %9s   %s%n", "service", "writes", "reads", "other", "records", "(totals)");
        double w = 0;
        double r = 0;
        double o = 0;
        double k = 0;
        for (Map.Entry<String, Snapshot> e : diff.entrySet()) {
            Snapshot s = e.getValue();
            System.out.printf("  %-17s %8.2f %8.2f %8.2f %9.2f   (%.0f writes, %.0f reads, %.0f records)%n", e.getKey(),
                    s.writes() / journeys, s.reads() / journeys, s.others() / journeys, s.recordsSent() / journeys,
                    s.writes(), s.reads(), s.recordsSent());
            w += s.writes();
            r += s.reads();
            o += s.others();
            k += s.recordsSent();
        }
        System.out.printf("  %-17s %8.2f %8.2f %8.2f %9.2f   (%.0f writes, %.0f reads, %.0f records)%n", "TOTAL",
                w / journeys, r / journeys, o / journeys, k / journeys, w, r, k);
        if (detail) {
            System.out.println("  writes per journey by command/collection:");
            diff.forEach((service, s) -> s.writesByCollection().forEach((key, v) ->
                    System.out.printf("    %-17s %-45s %8.2f%n", service, key, v / journeys)));
        }
    }

    static double totalWrites(Map<String, Snapshot> diff) {
        return diff.values().stream().mapToDouble(Snapshot::writes).sum();
    }

    private Metrics() {
    }
}
