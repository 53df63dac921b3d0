package org.susong.applications.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * The facts of a consumed batch (issue 14): one read and one bulk write for the applications they
 * concern, and the cases the bulk cannot take (another writer in between, a modified redelivery)
 * recorded one by one, each fact exactly once.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class TimelineBatchTest {

    /** The shared test application's scheduled jobs (the follow-up sweep every second) also read the collection. */
    @Inject
    Scheduler scheduler;

    /** The service's business clock (%test: 2026-06-15): test dates read it, never the machine's. */
    @Inject
    java.time.Clock businessClock;

    @Inject
    LifecycleService lifecycle;
    @Inject
    ApplicationRepository repository;
    @Inject
    MongoClient mongo;
    @Inject
    MeterRegistry registry;

    static String uscc(int n) {
        return Usccs.valid("MT", n);
    }

    String stored(int n) {
        String id = "APP-BATCH-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(ApplicationRepository.Inserted.INSERTED, repository.insert(Application.submit(id, uscc(n), "C1",
                District.HULI, "2026", Map.of(), List.of(), businessClock.instant(), "officer-1;officer;HULI;", "request:" + id, null)
                .application(), List.of(), null));
        return id;
    }

    Fact reserved(String eventId, String hash) {
        return new Fact(eventId, "BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, businessClock.instant(), "payments",
                "budget reserved", 0, null, 0, hash);
    }

    Document document(String id) {
        return mongo.getDatabase("applications").getCollection("applications").find(new Document("_id", id)).first();
    }

    List<Document> timeline(String id) {
        return document(id).getList("timeline", Document.class);
    }

    long kinds(String id, String eventId) {
        return timeline(id).stream().filter(f -> eventId.equals(f.getString("eventId"))).count();
    }

    /** Driver command count on the applications collection (quarkus.mongodb.metrics.enabled). */
    double commands(String command) {
        return registry.find("mongodb.driver.commands").tags("command", command, "collection", "applications").timers()
                .stream().mapToDouble(Timer::count).sum();
    }

    @Test
    void the_facts_of_a_batch_are_one_read_and_one_bulk_write_and_a_redelivered_batch_writes_nothing() {
        List<LifecycleService.Recorded> batch = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            batch.add(new LifecycleService.Recorded(stored(100 + n), reserved(UUID.randomUUID().toString(), "h" + n)));
        }
        // the scheduled jobs (follow-up sweep, retention sweep) are paused and a round under way is let finish, so the
        // counts below are this batch's own
        scheduler.pause();
        List<RuntimeException> failures;
        double updates;
        double finds;
        try {
            Thread.sleep(1_500);
            updates = commands("update");
            finds = commands("find");
            failures = lifecycle.recordAll(batch);
            updates = commands("update") - updates;
            finds = commands("find") - finds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            scheduler.resume();
        }

        assertTrue(failures.stream().allMatch(f -> f == null), failures.toString());
        // one bulk update command for the 20 applications (a fact at a time would be 20 updates and 20 reads);
        // a little slack for a relay nudged by the write
        assertTrue(updates <= 2, "update commands: " + updates);
        assertTrue(finds <= 3, "find commands: " + finds);
        for (LifecycleService.Recorded r : batch) {
            assertEquals(1, kinds(r.applicationId(), r.fact().eventId()));
            assertEquals("PAYMENT_SCHEDULED", mongo.getDatabase("applications").getCollection("applications")
                    .find(new Document("_id", r.applicationId())).first().getString("status"));
        }

        // the service died before the offsets were committed: the same batch comes again and writes nothing
        java.util.Map<String, Object> versions = new java.util.HashMap<>();
        batch.forEach(r -> versions.put(r.applicationId(), document(r.applicationId()).get("version")));
        assertTrue(lifecycle.recordAll(batch).stream().allMatch(f -> f == null));
        batch.forEach(r -> assertEquals(versions.get(r.applicationId()), document(r.applicationId()).get("version"),
                "a redelivered batch does not write the application again"));
        for (LifecycleService.Recorded r : batch) {
            assertEquals(1, kinds(r.applicationId(), r.fact().eventId()), "recorded once");
        }
    }

    @Test
    void an_application_another_writer_changed_after_the_batch_read_it_gets_its_fact_once_through_the_one_by_one_path() {
        String raced = stored(200);
        String quiet = stored(201);
        String other = UUID.randomUUID().toString();
        List<LifecycleService.Recorded> batch = List.of(
                new LifecycleService.Recorded(raced, reserved(UUID.randomUUID().toString(), "a")),
                new LifecycleService.Recorded(quiet, reserved(UUID.randomUUID().toString(), "b")));
        LifecycleService target = io.quarkus.arc.ClientProxy.unwrap(lifecycle); // the seam is a field of the bean, not of its proxy
        target.beforeBulkWrite = () -> lifecycle.record(raced, new Fact(other, "PAYMENT_INSTRUCTED",
                ApplicationStatus.PAYMENT_SCHEDULED, businessClock.instant(), "payments", "sent to the bank", 0, null, 0, "c"));
        try {
            assertTrue(lifecycle.recordAll(batch).stream().allMatch(f -> f == null));
        } finally {
            target.beforeBulkWrite = () -> { };
        }
        assertEquals(1, kinds(raced, batch.get(0).fact().eventId()), "the batch's fact, recorded after the other writer's");
        assertEquals(1, kinds(raced, other), "the other writer's fact is kept");
        assertEquals(1, kinds(quiet, batch.get(1).fact().eventId()));
    }

    @Test
    void a_modified_redelivery_in_a_batch_fails_alone_and_the_other_facts_are_recorded() {
        String a = stored(300);
        String b = stored(301);
        String first = UUID.randomUUID().toString();
        lifecycle.record(a, reserved(first, "original"));
        String later = UUID.randomUUID().toString();
        String onB = UUID.randomUUID().toString();

        List<RuntimeException> failures = lifecycle.recordAll(List.of(
                new LifecycleService.Recorded(a, reserved(first, "changed")),
                new LifecycleService.Recorded(b, reserved(onB, "b")),
                new LifecycleService.Recorded(a, reserved(later, "later"))));

        assertInstanceOf(ModifiedRequest.class, failures.get(0), "the modified redelivery is refused (dead-lettered)");
        assertNull(failures.get(1));
        assertNull(failures.get(2));
        assertEquals(1, kinds(a, first));
        assertEquals("original", timeline(a).stream().filter(f -> first.equals(f.getString("eventId"))).findFirst()
                .orElseThrow().getString("hash"), "the recorded fact is not replaced");
        assertEquals(1, kinds(a, later));
        assertEquals(1, kinds(b, onB));
    }
}
