package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Non-unique indexes of the local store: queries walking them give exactly what a scan and sort
 * would, through inserts, updates that move a document in the index, and deletes. (Their speed is a
 * benchmark figure in docs/benchmarks.md, printed here, not asserted.)
 */
class OrderedIndexStoreTest {

    static LocalInfra infra;
    static MongoClient client;
    static Path data;
    static final String[] DISTRICTS = {"SIMING", "HULI", "JIMEI", "HAICANG", "TONGAN", "XIANGAN"};

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("ordered-index-test");
        infra = new LocalInfra(new InfraSettings(data, "127.0.0.1", "127.0.0.1", PlatformProcesses.freePort(),
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), false)).start();
        client = MongoClients.create(infra.settings().mongoConnectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        infra.close();
        Folders.deleteQuietly(data);
    }

    static Document doc(int i) {
        return new Document("_id", String.format("A%06d", i)).append("district", DISTRICTS[i % 6])
                .append("status", i % 5 == 0 ? "PAID" : "SUBMITTED").append("createdAt", new Date(1_000_000L + (i / 3) * 1000L))
                .append("n", i);
    }

    /** What the query must answer: filter, then createdAt desc, _id desc. */
    static List<String> expected(List<Document> all, Predicate<Document> filter, int limit) {
        return all.stream().filter(filter).sorted(Comparator.comparing((Document d) -> d.getDate("createdAt"))
                        .thenComparing(d -> d.getString("_id")).reversed())
                .limit(limit).map(d -> d.getString("_id")).toList();
    }

    static List<String> ids(MongoCollection<Document> c, Bson filter, int limit) {
        List<String> ids = new ArrayList<>();
        c.find(filter).sort(Sorts.descending("createdAt", "_id")).limit(limit).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    @Test
    void walks_give_what_a_scan_and_sort_would_through_inserts_updates_and_deletes() {
        MongoCollection<Document> c = client.getDatabase("t").getCollection("apps");
        List<Document> all = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            all.add(doc(i));
        }
        c.insertMany(all.subList(0, 1_500));
        c.createIndex(Indexes.descending("district", "createdAt", "_id")); // existing documents are indexed
        c.insertMany(all.subList(1_500, 3_000));

        assertEquals(expected(all, d -> d.getString("district").equals("HULI"), 50), ids(c, Filters.eq("district", "HULI"), 50));
        assertEquals(expected(all, d -> d.getString("district").equals("HULI") && d.getString("status").equals("PAID"), 20),
                ids(c, Filters.and(Filters.eq("district", "HULI"), Filters.eq("status", "PAID")), 20));
        // a keyset cursor after the 50th HULI row
        List<String> first = ids(c, Filters.eq("district", "HULI"), 50);
        Document last = all.stream().filter(d -> d.getString("_id").equals(first.get(49))).findFirst().orElseThrow();
        Bson after = Filters.or(Filters.lt("createdAt", last.getDate("createdAt")), Filters.and(Filters.eq("createdAt",
                last.getDate("createdAt")), Filters.lt("_id", last.getString("_id"))));
        assertEquals(expected(all, d -> d.getString("district").equals("HULI") && (d.getDate("createdAt").before(
                last.getDate("createdAt")) || (d.getDate("createdAt").equals(last.getDate("createdAt"))
                && d.getString("_id").compareTo(last.getString("_id")) < 0)), 50),
                ids(c, Filters.and(Filters.eq("district", "HULI"), Filters.exists("createdAt"), after), 50));

        // an update that moves a document to another district, and a delete
        String moved = first.get(0);
        c.updateOne(Filters.eq("_id", moved), Updates.set("district", "JIMEI"));
        all.stream().filter(d -> d.getString("_id").equals(moved)).forEach(d -> d.put("district", "JIMEI"));
        String deleted = first.get(1);
        c.deleteOne(Filters.eq("_id", deleted));
        all.removeIf(d -> d.getString("_id").equals(deleted));
        assertEquals(expected(all, d -> d.getString("district").equals("HULI"), 10), ids(c, Filters.eq("district", "HULI"), 10));
        assertEquals(expected(all, d -> d.getString("district").equals("JIMEI"), 10), ids(c, Filters.eq("district", "JIMEI"), 10));
        // ascending sort walks backwards; no limit returns all
        List<String> ascending = new ArrayList<>();
        c.find(Filters.eq("district", "HAICANG")).sort(Sorts.ascending("createdAt", "_id")).forEach(d -> ascending.add(d.getString("_id")));
        List<String> descending = expected(all, d -> d.getString("district").equals("HAICANG"), Integer.MAX_VALUE);
        List<String> reversed = new ArrayList<>(descending);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ascending);
        // a query the index cannot serve still answers right (scan)
        assertEquals(expected(all, d -> d.getString("status").equals("PAID"), 15), ids(c, Filters.eq("status", "PAID"), 15));
        assertEquals(all.stream().filter(d -> d.getString("district").equals("HULI")).count(),
                c.countDocuments(Filters.eq("district", "HULI")));
    }

    @Test
    void a_sparse_index_on_the_first_outbox_entry_finds_the_documents_with_pending_events() {
        MongoCollection<Document> c = client.getDatabase("t").getCollection("outboxes");
        c.createIndex(Indexes.ascending("outbox.0"), new com.mongodb.client.model.IndexOptions().sparse(true));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            docs.add(new Document("_id", "O" + i).append("outbox", i % 100 == 0 ? List.of(new Document("id", "e" + i))
                    : List.of()));
        }
        c.insertMany(docs);
        c.updateOne(Filters.eq("_id", "O0"), Updates.pull("outbox", new Document("id", "e0")));
        c.updateOne(Filters.eq("_id", "O7"), Updates.push("outbox", new Document("id", "e7")));
        List<String> pending = new ArrayList<>();
        c.find(Filters.exists("outbox.0", true)).forEach(d -> pending.add(d.getString("_id")));
        pending.sort(Comparator.naturalOrder());
        List<String> expected = new ArrayList<>();
        for (int i = 100; i < 2_000; i += 100) {
            expected.add("O" + i);
        }
        expected.add("O7");
        expected.sort(Comparator.naturalOrder());
        assertEquals(expected, pending);
    }

    @Test
    void a_walk_is_much_cheaper_than_a_scan_on_a_large_collection() {
        MongoCollection<Document> c = client.getDatabase("t").getCollection("big");
        c.createIndex(Indexes.descending("district", "createdAt", "_id"));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            batch.add(doc(i));
            if (batch.size() == 1_000) {
                c.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
        long indexed = time(() -> ids(c, Filters.eq("district", "HULI"), 51));
        long scanned = time(() -> ids(c, Filters.eq("status", "PAID"), 51));
        System.out.printf("60,000 documents: indexed list query %.1f ms, scanned %.1f ms%n", indexed / 1e6, scanned / 1e6);
    }

    static long time(Runnable r) {
        r.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }
}
