package org.susong.commons.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.susong.commons.persistence.GuardedCounter.Outcome;

/**
 * The intent-first counter of docs/architecture.md#rule-4, tested where it lives, on a real MongoDB-wire store
 * (mongo-java-server, the store of infra/local): a counter moves once per intent whatever repeats it, never past its
 * guard, whatever runs beside it. Every service's budget lines, cap ledgers and fund capital rest on these four answers.
 */
class GuardedCounterTest {

    private static final long LINE_FEN = 500_000_00L;

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> counters;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        counters = client.getDatabase("guarded").getCollection("counters");
        counters.insertOne(new Document("_id", "line").append("available", LINE_FEN).append("reserved", 0L));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void an_intent_moves_the_counter_once_and_a_repeat_after_a_crash_is_told_it_already_did() {
        assertEquals(Outcome.APPLIED, reserve("intent-1", 100_000_00L));
        assertEquals(Outcome.ALREADY_APPLIED, reserve("intent-1", 100_000_00L), "a resumer repeating the step");
        Document line = line();
        assertEquals(LINE_FEN - 100_000_00L, line.getLong("available"));
        assertEquals(100_000_00L, line.getLong("reserved"));
        assertEquals(List.of("intent-1"), line.getList(GuardedCounter.APPLIED, String.class));
    }

    @Test
    void the_guard_refuses_without_moving_the_counter_and_a_missing_counter_is_named() {
        assertEquals(Outcome.REFUSED, reserve("too-big", LINE_FEN + 1));
        Document line = line();
        assertEquals(LINE_FEN, line.getLong("available"));
        assertEquals(List.of(), line.getList(GuardedCounter.APPLIED, String.class, List.of()), "a refusal records nothing");
        assertEquals(Outcome.NO_COUNTER, GuardedCounter.apply(counters, "no-such-line", "intent-1",
                Filters.gte("available", 1L), Updates.inc("available", -1L)));
    }

    @Test
    void forget_drops_the_id_so_the_hot_counter_stays_small_and_keeps_the_amount() {
        reserve("intent-1", 1_00L);
        reserve("intent-2", 2_00L);
        GuardedCounter.forget(counters, "line", "intent-1");
        Document line = line();
        assertEquals(List.of("intent-2"), line.getList(GuardedCounter.APPLIED, String.class));
        assertEquals(LINE_FEN - 3_00L, line.getLong("available"));
    }

    @Test
    void one_hundred_concurrent_intents_on_a_line_that_fits_fifty_never_overdraw_it() throws Exception {
        long each = LINE_FEN / 50;
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String intent = "intent-" + i;
            calls.add(() -> reserve(intent, each));
        }
        Map<Outcome, Long> outcomes = runAll(calls);
        assertEquals(Map.of(Outcome.APPLIED, 50L, Outcome.REFUSED, 50L), outcomes);
        Document line = line();
        assertEquals(0L, line.getLong("available"));
        assertEquals(LINE_FEN, line.getLong("reserved"));
        assertEquals(50, line.getList(GuardedCounter.APPLIED, String.class).size());
    }

    @Test
    void the_same_intent_from_eight_writers_at_once_moves_the_counter_once() throws Exception {
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> reserve("one-intent", 7_00L));
        }
        Map<Outcome, Long> outcomes = runAll(calls);
        assertEquals(Map.of(Outcome.APPLIED, 1L, Outcome.ALREADY_APPLIED, 7L), outcomes);
        assertEquals(LINE_FEN - 7_00L, line().getLong("available"));
    }

    private Outcome reserve(String intentId, long amountFen) {
        Bson guard = Filters.gte("available", amountFen);
        Bson change = Updates.combine(Updates.inc("available", -amountFen), Updates.inc("reserved", amountFen));
        return GuardedCounter.apply(counters, "line", intentId, guard, change);
    }

    private Document line() {
        return counters.find(Filters.eq("_id", "line")).first();
    }

    private static Map<Outcome, Long> runAll(List<Callable<Outcome>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
