package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store answers {@code _id}-pinned queries from the index with the same results as a scan
 * (the speed-up itself is a benchmark figure in docs/benchmarks.md, printed here, not asserted).
 */
class IdIndexedStoreTest {

    static LocalInfra infra;
    static MongoClient client;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("store-test");
        infra = new LocalInfra(new InfraSettings(data, "127.0.0.1", "127.0.0.1", PlatformProcesses.freePort(),
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), true)).start();
        client = MongoClients.create(infra.settings().mongoConnectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        infra.close();
        Folders.deleteQuietly(data);
    }

    @Test
    void guarded_updates_pinned_by_id_match_exactly_what_a_scan_would() {
        MongoCollection<Document> lines = client.getDatabase("t").getCollection("lines");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            docs.add(new Document("_id", "L" + i).append("available", 100L).append("version", 1L).append("applied", List.of()));
        }
        lines.insertMany(docs);

        // the guard holds: one update; the guard fails or the intent is recorded: none
        assertEquals(1, lines.updateOne(Filters.and(Filters.eq("_id", "L7"), Filters.gte("available", 60L),
                Filters.ne("applied", "i1")), Updates.combine(Updates.inc("available", -60L), Updates.addToSet("applied", "i1")))
                .getModifiedCount());
        assertEquals(0, lines.updateOne(Filters.and(Filters.eq("_id", "L7"), Filters.gte("available", 60L),
                Filters.ne("applied", "i2")), Updates.inc("available", -60L)).getModifiedCount());
        assertEquals(0, lines.updateOne(Filters.and(Filters.eq("_id", "L7"), Filters.ne("applied", "i1")),
                Updates.inc("available", -1L)).getModifiedCount());
        assertEquals(40L, lines.find(Filters.eq("_id", "L7")).first().getLong("available"));
        // optimistic version filter, $or inside, unknown id
        assertEquals(1, lines.updateOne(Filters.and(Filters.eq("_id", "L8"), Filters.eq("version", 1L)),
                Updates.inc("version", 1L)).getModifiedCount());
        assertEquals(0, lines.updateOne(Filters.and(Filters.eq("_id", "L8"), Filters.eq("version", 1L)),
                Updates.inc("version", 1L)).getModifiedCount());
        assertEquals("L9", lines.find(Filters.and(Filters.eq("_id", "L9"), Filters.or(Filters.exists("lease", false),
                Filters.eq("lease", "x")))).first().getString("_id"));
        assertNull(lines.find(Filters.and(Filters.eq("_id", "nope"), Filters.eq("version", 1L))).first());
        // operator values on _id still go the general way
        assertEquals(3, lines.countDocuments(Filters.and(Filters.in("_id", "L1", "L2", "L3"), Filters.eq("version", 1L))));

        long started = System.nanoTime();
        for (int i = 0; i < 2_000; i++) {
            lines.updateOne(Filters.and(Filters.eq("_id", "L" + (i * 7 % 20_000)), Filters.gte("available", 0L)),
                    Updates.inc("version", 1L));
        }
        System.out.printf("2,000 guarded updates pinned by _id on 20,000 documents (H2 file store): %.0f updates/s%n",
                2_000 / ((System.nanoTime() - started) / 1e9));
    }
}
