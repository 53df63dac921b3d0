package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.LedgerRepository;
import org.susong.testing.LocalInfraTestResource;

/**
 * The cap share an officer's approval takes after an uphold or a rejection of the same decision completed, when the
 * approval's process dies before its own give-back (reviewer, session before last): the uphold and the rejection read
 * an empty ledger for the decision (the approval had not taken yet) and gave nothing back; the approval read the
 * review OPEN, took its share ({@code ReviewService.decide} → {@code DecisionService.approve} → {@code
 * LedgerService.limit} → {@code cap}) and died at {@code review-limited}, before {@code DecisionWriter.complete} failed
 * and its in-process {@code releaseAll} ran. The cap then counted money no decision states. A3 (domain brief: amounts
 * not given; placeholder cap 3,000,000 CNY per beneficiary per year, {@code measures.json:A3.capFen}): after each case
 * the applicant's cap ledger holds exactly what the decisions that stand hold. Real store and broker, business date
 * 2026-06-15 (the test clock is fixed: "after the grace" is a sweep asked for one second after it).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith({org.susong.testing.ContractValidation.class, org.susong.testing.TestBroker.class})
class OrphanSharesTest {

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    LedgerRepository ledgers;
    @Inject
    ReviewService reviews;
    @Inject
    Clock clock;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reviews.crashPoint(step -> { });
        pool.shutdownNow();
    }

    AppealUpholdingTest helper() {
        AppealUpholdingTest t = new AppealUpholdingTest();
        t.decisions = decisions;
        t.repository = repository;
        t.ledgers = ledgers;
        t.reviews = reviews;
        return t;
    }

    long used(String uscc) {
        return helper().used(uscc);
    }

    Instant afterTheGrace() {
        return clock.instant().plusSeconds(1);
    }

    /**
     * Runs {@code approval} on another thread, held after it read the review (OPEN) and before its ledger step, while
     * {@code other} (an uphold or a rejection) runs whole on this one; then lets it take its share and kills it at
     * {@code review-limited}, before its decision update.
     */
    void approvalDiesAfterTheOtherCompleted(Runnable approval, Runnable other) throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        reviews.crashPoint(step -> {
            if ("review-approving".equals(step)) {
                read.countDown();
                await(otherDone);
            } else if ("review-limited".equals(step)) {
                throw new IllegalStateException("killed at " + step);
            }
        });
        Future<?> approving = pool.submit(approval);
        try {
            assertTrue(read.await(60, TimeUnit.SECONDS), "the approval read the review OPEN");
            other.run();
        } finally {
            otherDone.countDown();
        }
        ExecutionException died = assertThrows(ExecutionException.class, () -> approving.get(60, TimeUnit.SECONDS));
        assertEquals("killed at review-limited", died.getCause().getMessage());
        reviews.crashPoint(step -> { });
    }

    @Test
    void a3_an_approval_that_took_its_share_after_the_uphold_completed_and_died_leaves_nothing_on_the_cap() throws Exception {
        String uscc = A3ManualReviewTest.institution();
        Document queued = helper().appealed(uscc, 50_000_000L);
        String id = queued.getString("_id");
        approvalDiesAfterTheOtherCompleted(
                () -> reviews.decide(id, AppealUpholdingTest.officer("xa-1"),
                        AppealUpholdingTest.command("APPROVED", 80_000_000L, "larger landing")),
                () -> assertEquals("UPHELD", reviews.decide(id, AppealUpholdingTest.officer("xa-2"),
                        AppealUpholdingTest.command("UPHELD", null, "the award stands")).outcome()));
        Document upheld = repository.find(id).orElseThrow();
        assertEquals("DONE", upheld.getString("reviewState"));
        assertEquals(50_000_000L, upheld.get("amountFen", Number.class).longValue(), "the appealed award stands");
        String intent = id + "|" + AppealUpholdingTest.key(uscc);
        assertEquals("APPLIED", ledgers.intent(intent).orElseThrow().getString("state"),
                "the approval's extra 300,000 CNY share was taken under the appeal's id");

        // once the grace has passed, nothing the upheld decision does not state is held on its cap
        assertEquals(50_000_000L, used(uscc), "A3: the 2026 cap counts the 500,000 CNY that stands, not 800,000");
        helper().ledgerIsTheLiveDecisions(uscc, List.of(queued.getString("applicationId")));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other officer never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
