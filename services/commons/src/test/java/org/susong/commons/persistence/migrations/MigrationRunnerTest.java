package org.susong.commons.persistence.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration runner of issue 21 item 6, on a real MongoDB-wire store (mongo-java-server, the store of infra/local):
 * steps run in id order, once per database, recorded in {@code schema_migrations}; two replicas starting together run a
 * step once; a claim left by a replica that crashed mid-step is taken over after its lease and the (idempotent) step
 * runs again; data of a newer build is refused.
 */
class MigrationRunnerTest {

    /** Leases are wall time; a fixed instant keeps the test off the machine clock (a lease never expires by itself). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T02:00:00Z"), ZoneOffset.UTC);

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private MongoCollection<Document> grants;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        database = client.getDatabase("service");
        grants = database.getCollection("grants");
        // two documents of the old format: the amount in yuan as text
        grants.insertOne(new Document("_id", "g1").append("amount", "12.50"));
        grants.insertOne(new Document("_id", "g2").append("amount", "3"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private MigrationRunner runner(String owner) {
        return new MigrationRunner(database, CLOCK, Duration.ofSeconds(30), Duration.ofMillis(20), owner);
    }

    /** Old format → amountFen; idempotent: the filter finds only documents still in the old format. */
    private static Migration toFen(AtomicInteger runs) {
        return new Migration("0001-amount-in-fen", "amount text in yuan -> amountFen", db -> {
            runs.incrementAndGet();
            long changed = 0;
            MongoCollection<Document> c = db.getCollection("grants");
            for (Document d : c.find(Filters.exists("amountFen", false)).into(new ArrayList<>())) {
                long fen = new java.math.BigDecimal(d.getString("amount")).movePointRight(2).longValueExact();
                changed += c.updateOne(Filters.and(Filters.eq("_id", d.get("_id")), Filters.exists("amountFen", false)),
                        Updates.combine(Updates.set("amountFen", fen), Updates.unset("amount"))).getModifiedCount();
            }
            return changed;
        });
    }

    private static ServiceMigrations declared(Map<String, Integer> formats, Migration... migrations) {
        return new ServiceMigrations() {
            @Override
            public Map<String, Integer> formatVersions() {
                return formats;
            }

            @Override
            public List<Migration> migrations() {
                return List.of(migrations);
            }
        };
    }

    private Document record(String id) {
        return database.getCollection(MigrationRunner.COLLECTION).find(Filters.eq("_id", id)).first();
    }

    @Test
    void steps_run_in_id_order_once_and_are_recorded_with_the_collections_format_version() {
        List<String> order = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        Migration first = toFen(runs);
        Migration second = new Migration("0002-stamp-currency", "currency CNY on every grant", db -> {
            order.add("0002");
            assertEquals(0, db.getCollection("grants").countDocuments(Filters.exists("amount")), "0001 ran before");
            return db.getCollection("grants").updateMany(Filters.exists("currency", false), Updates.set("currency", "CNY"))
                    .getModifiedCount();
        });
        ServiceMigrations service = declared(Map.of("grants", 2), first, second);

        MigrationRunner.Report report = runner("replica-a").run(service);

        assertEquals(List.of("0001-amount-in-fen", "0002-stamp-currency"), report.ran());
        assertEquals(1250L, grants.find(Filters.eq("_id", "g1")).first().getLong("amountFen"));
        assertEquals(300L, grants.find(Filters.eq("_id", "g2")).first().getLong("amountFen"));
        assertEquals("CNY", grants.find(Filters.eq("_id", "g2")).first().getString("currency"));
        Document recorded = record("0001-amount-in-fen");
        assertEquals(MigrationRunner.DONE, recorded.getString("state"));
        assertEquals(2L, recorded.getLong("changed"));
        assertEquals("replica-a", recorded.getString("appliedBy"));
        assertEquals(2, record(MigrationRunner.FORMAT_PREFIX + "grants").getInteger("formatVersion"));

        MigrationRunner.Report again = runner("replica-a").run(service);
        assertEquals(List.of(), again.ran(), "a second start runs nothing");
        assertEquals(List.of("0001-amount-in-fen", "0002-stamp-currency"), again.alreadyDone());
        assertEquals(1, runs.get());
        assertEquals(List.of("0002"), order);
    }

    @Test
    void a_step_run_again_changes_nothing_the_first_run_changed() {
        AtomicInteger runs = new AtomicInteger();
        Migration step = toFen(runs);
        assertEquals(2L, step.step().apply(database));
        assertEquals(0L, step.step().apply(database), "the re-run after a crash finds every document migrated");
        assertEquals(1250L, grants.find(Filters.eq("_id", "g1")).first().getLong("amountFen"));
    }

    @Test
    void two_replicas_starting_together_run_a_step_once_and_the_second_waits_for_it() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Migration slow = new Migration("0001-slow", "a step that takes a while", db -> {
            runs.incrementAndGet();
            inside.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return 0;
        });
        ServiceMigrations service = declared(Map.of("grants", 1), slow);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationRunner.Report> a = replicas.submit(() -> runner("replica-a").run(service));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            Future<MigrationRunner.Report> b = replicas.submit(() -> runner("replica-b").run(service));
            Thread.sleep(200);
            assertTrue(!b.isDone(), "the second replica waits while the first holds the claim");
            release.countDown();
            List<String> ranBy = new ArrayList<>(a.get(10, TimeUnit.SECONDS).ran());
            ranBy.addAll(b.get(10, TimeUnit.SECONDS).ran());
            assertEquals(List.of("0001-slow"), ranBy, "one replica ran it");
            assertEquals(List.of("0001-slow"), b.get().alreadyDone());
            assertEquals(1, runs.get());
        } finally {
            release.countDown();
            replicas.shutdownNow();
        }
    }

    @Test
    void the_claim_of_a_replica_that_crashed_mid_step_is_taken_over_after_its_lease_and_the_step_runs_again() {
        AtomicInteger runs = new AtomicInteger();
        // the crashed replica had claimed it and migrated g1 only
        database.getCollection(MigrationRunner.COLLECTION).insertOne(new Document("_id", "0001-amount-in-fen")
                .append("state", MigrationRunner.RUNNING).append("owner", "crashed")
                .append("leaseUntil", Date.from(CLOCK.instant().minusSeconds(1))));
        grants.updateOne(Filters.eq("_id", "g1"), Updates.combine(Updates.set("amountFen", 1250L), Updates.unset("amount")));

        MigrationRunner.Report report = runner("replica-b").run(declared(Map.of("grants", 1), toFen(runs)));

        assertEquals(List.of("0001-amount-in-fen"), report.ran());
        assertEquals(1, runs.get());
        assertEquals(1250L, grants.find(Filters.eq("_id", "g1")).first().getLong("amountFen"));
        assertEquals(300L, grants.find(Filters.eq("_id", "g2")).first().getLong("amountFen"));
        Document recorded = record("0001-amount-in-fen");
        assertEquals(MigrationRunner.DONE, recorded.getString("state"));
        assertEquals("crashed", recorded.getString("takenOverFrom"));
        assertEquals(1L, recorded.getLong("changed"), "only the document the crashed run had not reached");
    }

    @Test
    void a_step_that_fails_drops_its_claim_and_stops_the_start_so_the_next_start_runs_it() {
        Migration failing = new Migration("0001-fails", "throws", db -> {
            throw new IllegalArgumentException("bad document");
        });
        assertThrows(IllegalStateException.class, () -> runner("replica-a").run(declared(Map.of(), failing)));
        assertEquals(null, record("0001-fails"), "no claim left behind to wait for");
    }

    @Test
    void data_of_a_newer_build_and_steps_out_of_order_are_refused_before_anything_changes() {
        AtomicInteger runs = new AtomicInteger();
        database.getCollection(MigrationRunner.COLLECTION).insertOne(new Document("_id", MigrationRunner.FORMAT_PREFIX + "grants")
                .append("collection", "grants").append("formatVersion", 3));
        assertThrows(MigrationRunner.RefusedToMigrate.class,
                () -> runner("replica-a").run(declared(Map.of("grants", 2), toFen(runs))));
        assertEquals(0, runs.get());
        assertEquals("12.50", grants.find(Filters.eq("_id", "g1")).first().getString("amount"));

        Migration later = new Migration("0002-later", "later", db -> 0);
        assertThrows(MigrationRunner.RefusedToMigrate.class,
                () -> runner("replica-a").run(declared(Map.of("grants", 3), later, toFen(runs))));
        assertThrows(IllegalArgumentException.class, () -> new Migration("fund-fix", "no number", db -> 0));
    }
}
