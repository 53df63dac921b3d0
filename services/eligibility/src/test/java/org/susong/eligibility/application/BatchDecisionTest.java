package org.susong.eligibility.application;

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
import org.junit.jupiter.api.Test;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.infra.local.LocalInfraTestResource;

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
    static List<DecisionService.Submission> capped(int pairs) {
        List<DecisionService.Submission> batch = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            batch.add(submission(app("BAT"), uscc(), "B1", "HULI", Map.of("category", "HIGH_TECH_ENTERPRISE",
                    "certificateNumber", "GR-" + UUID.randomUUID().toString().substring(0, 10), "certificationYear", 2025)));
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
}
