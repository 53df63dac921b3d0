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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
class OrphanSharesTest extends DecisionStores {

    @Inject
    ReviewService reviews;
    @Inject
    Clock clock;
    @Inject
    CapShareSweeper sweeper;

    private ExecutorService pool;

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(2);
    }

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

        assertEquals(80_000_000L, used(uscc), "the leak: the cap counts 300,000 CNY no decision states");
        sweeper.sweep(clock.instant().minusSeconds(1)); // within the grace: the approval may still give it back itself
        assertEquals(80_000_000L, used(uscc));

        // once the grace has passed, nothing the upheld decision does not state is held on its cap
        assertTrue(sweeper.sweep(afterTheGrace()) >= 1, "the sweeper gave the orphan share back");
        assertEquals(50_000_000L, used(uscc), "A3: the 2026 cap counts the 500,000 CNY that stands, not 800,000");
        helper().ledgerIsTheLiveDecisions(uscc, List.of(queued.getString("applicationId")));
        Document released = ledgers.intent(intent).orElseThrow();
        assertEquals("RELEASED", released.getString("state"));
        assertEquals(30_000_000L, released.get("released", Document.class).get("releasedFen", Number.class).longValue());

        // a second sweep changes nothing: the share was given back once
        assertEquals(0, sweeper.sweep(afterTheGrace()));
        assertEquals(50_000_000L, used(uscc));
        assertEquals(released, ledgers.intent(intent).orElseThrow());
        helper().ledgerIsTheLiveDecisions(uscc, List.of(queued.getString("applicationId")));
    }

    @Test
    void a3_an_approval_that_took_its_share_after_the_rejection_completed_and_died_is_given_back_once_by_two_sweepers()
            throws Exception {
        String uscc = A3ManualReviewTest.institution();
        String applicationId = CapsAndReviewsTest.app("A3");
        decisions.decide(CapsAndReviewsTest.submission(applicationId, uscc, "A3", "XIANGAN", A3ManualReviewTest.landing()));
        String id = repository.findLatest(applicationId).orElseThrow().getString("_id");
        assertEquals("OPEN", repository.find(id).orElseThrow().getString("reviewState"));
        approvalDiesAfterTheOtherCompleted(
                () -> reviews.decide(id, AppealUpholdingTest.officer("xa-1"),
                        AppealUpholdingTest.command("APPROVED", 80_000_000L, "landing seen")),
                () -> assertEquals("REJECTED", reviews.decide(id, AppealUpholdingTest.officer("xa-2"),
                        AppealUpholdingTest.command("REJECTED", null, "no landing")).outcome()));
        Document rejected = repository.find(id).orElseThrow();
        assertEquals("REJECTED", rejected.getString("outcome"));
        assertEquals(List.of(), rejected.getList("capShares", Document.class, List.of()), "a rejection states no share");
        assertEquals(80_000_000L, used(uscc), "the leak: 800,000 CNY held for a rejected decision");

        // two replicas sweep at once: the share goes back once
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> both = List.of(pool.submit(() -> {
            await(start);
            return sweeper.sweep(afterTheGrace());
        }), pool.submit(() -> {
            await(start);
            return sweeper.sweep(afterTheGrace());
        }));
        start.countDown();
        for (Future<Integer> f : both) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(0L, used(uscc), "A3: nothing is held on the 2026 cap for a rejected application");
        Document released = ledgers.intent(id + "|" + AppealUpholdingTest.key(uscc)).orElseThrow();
        assertEquals("RELEASED", released.getString("state"));
        assertEquals(80_000_000L, released.get("released", Document.class).get("releasedFen", Number.class).longValue());
        assertEquals(0, sweeper.sweep(afterTheGrace()));
        assertEquals(0L, used(uscc));
    }

    @Test
    void a3_an_approval_the_sweeper_meets_while_the_review_is_open_keeps_its_share() throws Exception {
        // a late approval: it has taken its share and not yet written its decision when the sweeper runs (past the grace)
        String uscc = A3ManualReviewTest.institution();
        Document queued = helper().appealed(uscc, 50_000_000L);
        String id = queued.getString("_id");
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch swept = new CountDownLatch(1);
        reviews.crashPoint(step -> {
            if ("review-limited".equals(step)) {
                taken.countDown();
                await(swept);
            }
        });
        Future<ReviewService.ReviewResult> approval = pool.submit(() -> reviews.decide(id,
                AppealUpholdingTest.officer("xa-1"), AppealUpholdingTest.command("APPROVED", 80_000_000L, "larger landing")));
        try {
            assertTrue(taken.await(60, TimeUnit.SECONDS), "the approval took its share");
            sweeper.sweep(afterTheGrace());
            assertEquals(80_000_000L, used(uscc), "the review is OPEN: an approval may still state the share");
        } finally {
            swept.countDown();
        }
        assertEquals("APPROVED", approval.get(60, TimeUnit.SECONDS).outcome());
        sweeper.sweep(afterTheGrace());
        Document approved = repository.find(id).orElseThrow();
        assertEquals("DONE", approved.getString("reviewState"));
        assertEquals(80_000_000L, approved.get("amountFen", Number.class).longValue());
        assertEquals(80_000_000L, used(uscc), "A3: the 800,000 CNY approved stand on the 2026 cap");
        helper().ledgerIsTheLiveDecisions(uscc, List.of(queued.getString("applicationId")));

        // an approval that died while the review stayed OPEN keeps its share for its retry, which completes with it
        String uscc2 = A3ManualReviewTest.institution();
        Document queued2 = helper().appealed(uscc2, 50_000_000L);
        String id2 = queued2.getString("_id");
        AppealUpholdingTest.crashAt(reviews, "review-limited", () -> assertThrows(IllegalStateException.class,
                () -> reviews.decide(id2, AppealUpholdingTest.officer("xa-1"),
                        AppealUpholdingTest.command("APPROVED", 80_000_000L, "larger landing"))));
        sweeper.sweep(afterTheGrace());
        assertEquals(80_000_000L, used(uscc2), "OPEN: the share waits for the approval's retry");
        assertEquals("APPROVED", reviews.decide(id2, AppealUpholdingTest.officer("xa-1"),
                AppealUpholdingTest.command("APPROVED", 80_000_000L, "larger landing")).outcome());
        sweeper.sweep(afterTheGrace());
        assertEquals(80_000_000L, used(uscc2));
        helper().ledgerIsTheLiveDecisions(uscc2, List.of(queued2.getString("applicationId")));
    }

    private static void await(CountDownLatch latch) {
        AppealUpholdingTest.await(latch);
    }
}
