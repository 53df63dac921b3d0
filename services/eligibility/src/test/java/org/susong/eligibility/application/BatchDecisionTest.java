package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.eligibility.application.CapsAndReviewsTest.app;
import static org.susong.eligibility.application.CapsAndReviewsTest.submission;
import static org.susong.eligibility.application.CapsAndReviewsTest.uscc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.eligibility.persistence.LedgerRepository;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.LocalInfraTestResource;

/**
 * Deciding a batch of submissions (issue 14 item 2), directly on the real store. Store commands are
 * counted with the driver's own command metrics ({@code mongodb.driver.commands} by command and
 * collection). Business date 2026-06-15 (%test).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BatchDecisionTest {

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    MeterRegistry registry;

    /** Write commands (insert, update, delete) sent to one collection so far. */
    long writes(String collection, Set<String> commands) {
        long n = 0;
        for (Timer t : registry.find("mongodb.driver.commands").tag("collection", collection).timers()) {
            if (commands.contains(t.getId().getTag("command"))) {
                n += t.count();
            }
        }
        return n;
    }

    static final Set<String> WRITES = Set.of("insert", "update", "delete");

    /** 10 B1 awards (fresh certificates) and 10 A4 subsidies (fresh centres), capped on 20 ledger keys. */
    List<DecisionService.Submission> capped(int pairs) {
        List<DecisionService.Submission> batch = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String uscc = uscc();
            String certificate = "GR-" + UUID.randomUUID().toString().substring(0, 10);
            CertificationFixture.listed(lists, uscc, certificate);
            batch.add(submission(app("BAT"), uscc, "B1", "HULI", Map.of("category", "HIGH_TECH_ENTERPRISE",
                    "certificateNumber", certificate, "certificationYear", 2025, "certificationKind", "FIRST")));
            batch.add(submission(app("BAT"), uscc(), "A4", "SIMING", Map.of("centreName", "enclave " + i,
                    "operatingCostsFen", 100_000_000L, "performanceGrade", "B")));
        }
        return batch;
    }

    @Test
    void deciding_a_batch_costs_a_constant_number_of_write_commands_per_collection() {
        List<DecisionService.Submission> batch = capped(10);
        long intents = writes("cap_intents", WRITES);
        long ledgers = writes("cap_ledgers", WRITES);
        long inserted = writes("decisions", Set.of("insert"));

        decisions.decideAll(batch);

        long intentWrites = writes("cap_intents", WRITES) - intents;
        long ledgerWrites = writes("cap_ledgers", WRITES) - ledgers;
        long decisionInserts = writes("decisions", Set.of("insert")) - inserted;
        System.out.printf("BATCH-COUNT %d decisions: cap_intents %d, cap_ledgers %d, decisions (insert) %d write commands"
                + " (%.2f per decision)%n", batch.size(), intentWrites, ledgerWrites, decisionInserts,
                (intentWrites + ledgerWrites + decisionInserts) / (double) batch.size());
        for (DecisionService.Submission s : batch) {
            assertTrue(repository.findLatest(s.applicationId()).isPresent(), "decided: " + s.applicationId());
        }
        assertTrue(intentWrites <= 2, "cap intents: one insert and one mark for the batch, not per decision: " + intentWrites);
        assertTrue(ledgerWrites <= 2, "cap ledgers: one insert of new keys and one update of existing ones: " + ledgerWrites);
        assertTrue(decisionInserts <= 1, "decisions: one insert for the batch: " + decisionInserts);
    }

    @Inject
    LedgerRepository ledgers;
    @Inject
    org.susong.eligibility.persistence.CertificationListRepository lists;

    Document decided(String applicationId) {
        return repository.findLatest(applicationId).orElseThrow();
    }

    long used(String key) {
        return ledgers.ledger(key).orElseThrow().get("usedFen", Number.class).longValue();
    }

    static DecisionService.Submission a4(String uscc, long operatingCostsFen) {
        return submission(app("BA4"), uscc, "A4", "SIMING", Map.of("centreName", "enclave", "operatingCostsFen",
                operatingCostsFen, "performanceGrade", "A"));
    }

    DecisionService.Submission b1(String uscc, String certificate) {
        CertificationFixture.listed(lists, uscc, certificate);
        return submission(app("BB1"), uscc, "B1", "HULI", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber",
                certificate, "certificationYear", 2025, "certificationKind", "FIRST"));
    }

    /** The granted amounts of the decisions of a batch that hold a share of {@code key}, summed. */
    long granted(List<DecisionService.Submission> batch, String key) {
        long sum = 0;
        for (DecisionService.Submission s : batch) {
            Document d = decided(s.applicationId());
            boolean holds = d.getList("capShares", Document.class).stream().anyMatch(c -> key.equals(c.getString("ledgerKey")));
            if (holds) {
                sum += d.get("amountFen", Number.class).longValue();
            }
        }
        return sum;
    }

    @Test
    void submissions_of_one_applicant_in_one_batch_are_granted_in_order_and_never_above_the_cap() {
        // A4: cap 5,000,000 CNY per beneficiary per year; 30% of operating costs + grade A 1,000,000 CNY
        String uscc = uscc();
        List<DecisionService.Submission> batch = List.of(a4(uscc, 1_000_000_000L), a4(uscc, 400_000_000L),
                a4(uscc, 400_000_000L));
        // B1: one award per certificate (one-time reward), the same certificate twice in the batch
        String certificate = "GR-" + UUID.randomUUID().toString().substring(0, 10);
        List<DecisionService.Submission> b1 = List.of(b1(uscc, certificate), b1(uscc, certificate));
        List<DecisionService.Submission> all = new ArrayList<>(batch);
        all.addAll(b1);

        decisions.decideAll(all);

        assertEquals(400_000_000L, amount(decided(batch.get(0).applicationId())), "4,000,000 CNY in full");
        Document partial = decided(batch.get(1).applicationId());
        assertEquals("APPROVED", partial.getString("outcome"));
        assertEquals(100_000_000L, amount(partial), "only 1,000,000 CNY of the year's 5,000,000 CNY remained");
        assertTrue(CapsAndReviewsTest.criterion(partial, "annualCap").getString("en").contains("only 1,000,000.00 CNY remained"));
        assertEquals("REJECTED", decided(batch.get(2).applicationId()).getString("outcome"), "the cap is used up");
        String capKey = "CAP|A4|" + uscc + "|2026";
        assertEquals(500_000_000L, used(capKey));
        assertEquals(used(capKey), granted(batch, capKey));

        assertEquals(30_000_000L, amount(decided(b1.get(0).applicationId())), "HIGH_TECH_ENTERPRISE tier 300,000 CNY");
        Document second = decided(b1.get(1).applicationId());
        assertEquals("REJECTED", second.getString("outcome"));
        assertTrue(CapsAndReviewsTest.criterion(second, "oncePerCertificate").getString("en").contains("already rewarded"));
    }

    static long amount(Document d) {
        return d.get("amountFen", Number.class).longValue();
    }

    /** A batch of A4 and B1 submissions, two of each per applicant, over the cap. */
    List<DecisionService.Submission> crashBatch(String uscc, String certificate) {
        return List.of(a4(uscc, 1_000_000_000L), b1(uscc, certificate), a4(uscc, 400_000_000L), b1(uscc, certificate),
                a4(uscc, 400_000_000L), a4(uscc(), 400_000_000L));
    }

    void killedAt(String step, List<DecisionService.Submission> batch) {
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        decisions.crashPoint(s -> {
            if (s.equals(step) && once.compareAndSet(false, true)) {
                throw new IllegalStateException("killed at " + step);
            }
        });
        try {
            assertThrows(IllegalStateException.class, () -> decisions.decideAll(batch));
        } finally {
            decisions.crashPoint(s -> { });
        }
    }

    void appliedExactlyOnce(List<DecisionService.Submission> batch, String uscc, String certificate) {
        for (DecisionService.Submission s : batch) {
            assertTrue(repository.findLatest(s.applicationId()).isPresent(), "decided: " + s.applicationId());
        }
        String a4Key = "CAP|A4|" + uscc + "|2026";
        assertEquals(500_000_000L, used(a4Key), "A4 cap 5,000,000 CNY per year, taken once");
        assertEquals(used(a4Key), granted(batch, a4Key), "the ledger holds exactly what the decisions granted");
        // the certificate's canonical key (issue 23 item 8: upper case, no hyphens)
        String b1Key = "CAP|B1|C|HIGH_TECH_ENTERPRISE:" + certificate.replace("-", "").toUpperCase();
        assertEquals(30_000_000L, used(b1Key), "B1 one award per certificate");
        assertEquals(used(b1Key), granted(batch, b1Key));
        Document ledger = ledgers.ledger(a4Key).orElseThrow();
        assertEquals(2, ledger.get("consumers", Document.class).size(), "two A4 decisions hold shares: "
                + ledger.toJson());
    }

    @Test
    void a_batch_killed_after_the_ledger_update_is_applied_exactly_once_when_redelivered() {
        String uscc = uscc();
        String certificate = "GR-" + UUID.randomUUID().toString().substring(0, 10);
        List<DecisionService.Submission> batch = crashBatch(uscc, certificate);
        killedAt("ledgers-applied", batch);
        assertTrue(repository.findLatest(batch.get(0).applicationId()).isEmpty(), "killed before the decisions");
        assertEquals(500_000_000L, used("CAP|A4|" + uscc + "|2026"), "the ledger moved before the kill");

        decisions.decideAll(batch);
        appliedExactlyOnce(batch, uscc, certificate);
        decisions.decideAll(batch);
        appliedExactlyOnce(batch, uscc, certificate);
    }

    @Test
    void a_batch_killed_after_the_decisions_insert_is_applied_exactly_once_when_redelivered() {
        String uscc = uscc();
        String certificate = "GR-" + UUID.randomUUID().toString().substring(0, 10);
        List<DecisionService.Submission> batch = crashBatch(uscc, certificate);
        killedAt("decisions-inserted", batch);
        String intent = "D-" + batch.get(0).applicationId() + "|CAP|A4|" + uscc + "|2026";
        assertEquals("PENDING", ledgers.intent(intent).orElseThrow().getString("state"), "killed before the intents were marked");

        decisions.decideAll(batch);
        appliedExactlyOnce(batch, uscc, certificate);
        assertEquals(400_000_000L, ledgers.intent(intent).orElseThrow().get("result", Document.class)
                .get("grantedFen", Number.class).longValue());
        for (DecisionService.Submission s : batch) {
            for (Document share : decided(s.applicationId()).getList("capShares", Document.class)) {
                assertEquals("APPLIED", ledgers.intent(share.getString("owner") + "|" + share.getString("ledgerKey"))
                        .orElseThrow().getString("state"), "no intent left PENDING, zero grants included: " + share.toJson());
            }
        }
    }

    @Test
    void two_writers_deciding_batches_of_one_applicant_at_once_never_take_more_than_the_cap() throws Exception {
        String uscc = uscc();
        List<DecisionService.Submission> first = List.of(a4(uscc, 400_000_000L), a4(uscc, 400_000_000L), a4(uscc, 400_000_000L));
        List<DecisionService.Submission> second = List.of(a4(uscc, 400_000_000L), a4(uscc, 400_000_000L), a4(uscc, 400_000_000L));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> decisions.decideAll(first));
            var b = pool.submit(() -> decisions.decideAll(second));
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
        List<DecisionService.Submission> all = new ArrayList<>(first);
        all.addAll(second);
        String capKey = "CAP|A4|" + uscc + "|2026";
        assertEquals(500_000_000L, used(capKey), "6 x 2,200,000 CNY asked, A4 cap 5,000,000 CNY per year");
        assertEquals(used(capKey), granted(all, capKey));
    }

    @Test
    void a_consumer_whose_batch_write_fails_after_the_ledger_update_retries_the_batch_and_applies_it_exactly_once()
            throws Exception {
        String uscc = uscc();
        String certificate = "GR-" + UUID.randomUUID().toString().substring(0, 10);
        List<DecisionService.Submission> batch = crashBatch(uscc, certificate);
        java.util.concurrent.atomic.AtomicInteger killed = new java.util.concurrent.atomic.AtomicInteger();
        decisions.crashPoint(step -> {
            if (step.equals("ledgers-applied") && killed.getAndIncrement() == 0) {
                throw new org.susong.commons.messaging.TransientFailure("the store went away between the ledger update and"
                        + " the decisions insert");
            }
        });
        var kafka = new io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try {
            List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records = new ArrayList<>();
            for (DecisionService.Submission s : batch) {
                String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("applicationId",
                        s.applicationId(), "applicantUscc", s.applicantUscc(), "measureCode", s.measureCode(), "district",
                        s.district(), "facts", s.facts(), "submittedAt", "2026-06-15T01:00:00Z"));
                // one key for all: one partition, so one consumer takes them in order
                records.add(org.susong.testing.CloudEventRecords.event("applications.events",
                        UUID.randomUUID().toString(), "susong.applications.ApplicationSubmitted.v1", uscc, body, Map.of()));
            }
            kafka.produceStrings().fromRecords(records).awaitCompletion();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                for (DecisionService.Submission s : batch) {
                    assertTrue(repository.findLatest(s.applicationId()).isPresent(), "decided: " + s.applicationId());
                }
            });
        } finally {
            decisions.crashPoint(s -> { });
            kafka.close();
        }
        assertTrue(killed.get() >= 2, "the write failed once and was retried");
        appliedExactlyOnce(batch, uscc, certificate);
    }
}
