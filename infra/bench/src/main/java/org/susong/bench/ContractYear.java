package org.susong.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.susong.testing.ContractYearGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code --contract-year=Y}: registers a generated contract year through tech-contracts' {@code POST /contracts/bulk}
 * (2023: {@link ContractYearGenerator#year2023()}, 8,025 contracts; another year: the same distribution with that
 * year's dates and numbers) and follows the B3b awards eligibility proposes for it until they are PAID or stop
 * moving. {@code --register-sellers} first registers each domestic seller as an applicant with an effective account
 * (without one, applications keeps the proposal waiting, issue 23 item 4). Award states are read from the store
 * (eligibility's {@code awards}, applications' {@code pending_proposals}): the services expose no count of them.
 */
final class ContractYear {

    static final Api.As REGISTRAR = new Api.As("bench-registrar", "registrar", null);
    static final Api.As AUDITOR = new Api.As("bench-auditor", "auditor", null);

    private final Harness h;

    ContractYear(Harness h) {
        this.h = h;
    }

    void run() throws Exception {
        int year = Integer.parseInt(h.args.get("contract-year"));
        int count = Integer.parseInt(h.args.getOrDefault("contract-count", String.valueOf(ContractYearGenerator.COUNT_2023)));
        int threads = Integer.parseInt(h.args.getOrDefault("threads", "16"));
        long timeout = Long.parseLong(h.args.getOrDefault("timeout", "900"));
        List<ContractYearGenerator.Row> rows = year == 2023 && count == ContractYearGenerator.COUNT_2023
                ? ContractYearGenerator.year2023()
                : ContractYearGenerator.generate(count, ContractYearGenerator.TOTAL_2023_FEN / ContractYearGenerator.COUNT_2023
                * count, year, year, ContractYearGenerator.Basis.CONTRACT);
        System.out.printf("contract year %d: %,d contracts; load %s%n", year, rows.size(), Harness.load());
        String mongo = h.args.getOrDefault("mongo", "mongodb://" + h.args.getOrDefault("host", "127.0.0.1") + ":27017");
        try (MongoClient store = MongoClients.create(mongo)) {
            if (h.args.containsKey("register-sellers")) {
                List<ContractYearGenerator.Row> sellers = rows.stream().filter(r -> r.sellerUscc() != null).toList();
                long start = System.nanoTime();
                Harness.parallel(sellers.size(), threads, i -> {
                    ContractYearGenerator.Row r = sellers.get(i);
                    h.register(r.sellerUscc(), r.sellerDistrict(), Api.As.officer("bench-officer", r.sellerDistrict()),
                            Api.As.officer("bench-checker", r.sellerDistrict()));
                });
                Thread.sleep(6_000); // the cooling-off; the promotion job runs every second
                System.out.printf("prepared: %,d sellers registered with an approved account in %.1f s%n", sellers.size(),
                        (System.nanoTime() - start) / 1e9);
            }
            Map<String, Long> countsBefore = b3bCounts();
            Map<String, Long> awardsBefore = awards(store);
            Map<String, Metrics.Snapshot> before = Metrics.snapshot(h.api);
            long start = System.nanoTime();
            int registered = 0;
            for (int from = 0; from < rows.size(); from += 20_000) {
                registered += h.api.postText("tech-contracts", "/contracts/bulk", REGISTRAR, "text/csv",
                        ContractYearGenerator.csv(rows, from, Math.min(rows.size(), from + 20_000))).expect(200).json()
                        .path("registered").asInt();
            }
            double registerSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("bulk: %,d of %,d registered in %.1f s (%.0f/s); load %s%n", registered, rows.size(),
                    registerSeconds, registered / registerSeconds, Harness.load());

            long deadline = start + TimeUnit.SECONDS.toNanos(timeout);
            long lastChange = System.nanoTime();
            String last = "";
            double lastMoveSeconds = 0;
            Map<String, Long> awards;
            Map<String, Long> apps;
            long pending;
            while (true) {
                awards = minus(awards(store), awardsBefore);
                apps = minus(b3bCounts(), countsBefore);
                pending = store.getDatabase("applications").getCollection("pending_proposals").countDocuments();
                String now = awards + " " + apps + " " + pending;
                if (!now.equals(last)) {
                    last = now;
                    lastChange = System.nanoTime();
                    lastMoveSeconds = (lastChange - start) / 1e9;
                    System.out.printf("  %5.0f s: awards %s; B3b applications %s; proposals waiting for an account %d; load %s%n",
                            lastMoveSeconds, awards, apps, pending, Harness.load());
                }
                long awarded = awards.values().stream().mapToLong(Long::longValue).sum();
                // an award that pays: PROPOSED until its application is decided, FINALISED after
                long proposed = awards.getOrDefault("PROPOSED", 0L) + awards.getOrDefault("FINALISED", 0L);
                long ended = apps.entrySet().stream().filter(e -> Harness.END_STATES.contains(e.getKey()))
                        .mapToLong(Map.Entry::getValue).sum();
                if (awarded >= registered && ended >= proposed && pending == 0) {
                    break;
                }
                if (System.nanoTime() > deadline || System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(Long.parseLong(h.args.getOrDefault("stall", "300")))) {
                    System.out.printf("STOPPED WAITING after %.0f s (nothing moved for %.0f s)%n", (System.nanoTime() - start) / 1e9,
                            (System.nanoTime() - lastChange) / 1e9);
                    break;
                }
                Thread.sleep(2_000);
            }
            Map<String, Metrics.Snapshot> diff = Metrics.diff(Metrics.snapshot(h.api), before);
            System.out.println("---- result");
            System.out.printf("contracts registered: %,d in %.1f s; awards by state %s; B3b applications by status %s;"
                            + " last change seen %.1f s after the bulk request began (2 s polls)%n",
                    registered, registerSeconds, awards, apps, lastMoveSeconds);
            Metrics.print(diff, Math.max(1, registered), true);
        }
    }

    Map<String, Long> b3bCounts() {
        Map<String, Long> byStatus = new TreeMap<>();
        h.api.get("applications", "/applications/counts?measure=B3b", AUDITOR).expect(200).json().path("byStatus").fields()
                .forEachRemaining(e -> byStatus.put(e.getKey(), e.getValue().asLong()));
        return byStatus;
    }

    static Map<String, Long> awards(MongoClient store) {
        Map<String, Long> byState = new TreeMap<>();
        for (Document d : store.getDatabase("eligibility").getCollection("awards").aggregate(List.of(
                new Document("$group", new Document("_id", "$state").append("n", new Document("$sum", 1)))))) {
            byState.put(String.valueOf(d.get("_id")), ((Number) d.get("n")).longValue());
        }
        return byState;
    }

    static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        List<String> keys = new ArrayList<>(now.keySet());
        for (String k : keys) {
            long v = now.get(k) - before.getOrDefault(k, 0L);
            if (v != 0) {
                d.put(k, v);
            }
        }
        return d;
    }
}
