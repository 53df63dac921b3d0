package org.susong.eligibility.application;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.testing.LocalInfraTestResource;

/**
 * An upheld appeal gives back what an interrupted or concurrent approval of the appeal took (second reader, session 16:
 * the shares stayed on the cap ledger outside every decision's {@code capShares}, so the applicant's cap was
 * over-counted). A3 (domain brief: amounts not given; placeholder cap 3,000,000 CNY per beneficiary per year,
 * {@code measures.json:A3.capFen}; maker-checker above 1,000,000 CNY): after every test the applicant's cap ledger holds
 * exactly the shares of the decisions that stand (each application's latest), owner by owner. Real store and broker,
 * business date 2026-06-15.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith({org.susong.testing.ContractValidation.class, org.susong.testing.TestBroker.class})
class AppealUpholdingTest extends DecisionStores {

    @Inject
    ReviewService reviews;

    static Principal officer(String user) {
        return new Principal(user, Set.of("officer"), Optional.of("XIANGAN"), Optional.empty());
    }

    static ReviewService.ReviewCommand command(String outcome, Long amountFen, String reason) {
        return new ReviewService.ReviewCommand(outcome, amountFen, reason);
    }

    static String key(String uscc) {
        return "CAP|A3|" + uscc + "|2026";
    }

    long used(String uscc) {
        return ledgers.ledger(key(uscc)).map(l -> l.get("usedFen", Number.class).longValue()).orElse(0L);
    }

    String state(String decisionId) {
        return repository.find(decisionId).orElseThrow().getString("reviewState");
    }

    /** An appeal of an A3 award of {@code heldFen} to {@code uscc}, queued for an officer. */
    Document appealed(String uscc, long heldFen) {
        String original = AppealReviewTest.approved(decisions, repository, uscc, heldFen);
        return AppealReviewTest.appeal(repository, original, "the landing was larger");
    }

    /**
     * The A3 cap ledger of {@code uscc} holds what the decisions that stand hold (each application's latest decision,
     * its {@code capShares} on this ledger): the same owners with the same amounts, and their sum used.
     */
    void ledgerIsTheLiveDecisions(String uscc, List<String> applicationIds) {
        Map<String, Long> live = new HashMap<>();
        for (String applicationId : applicationIds) {
            Document d = repository.findLatest(applicationId).orElseThrow();
            for (Document share : d.getList("capShares", Document.class, List.of())) {
                if (key(uscc).equals(share.getString("ledgerKey"))) {
                    live.merge(share.getString("owner"), share.get("grantedFen", Number.class).longValue(), Long::sum);
                }
            }
        }
        Document ledger = ledgers.ledger(key(uscc)).orElseThrow();
        Map<String, Long> held = new HashMap<>();
        ledger.get("consumers", Document.class).forEach((owner, v) ->
                held.put(owner, ((Document) v).get("fen", Number.class).longValue()));
        assertEquals(live, held, "A3 cap ledger of " + uscc + ": owner by owner what the live decisions hold");
        assertEquals(live.values().stream().mapToLong(Long::longValue).sum(), used(uscc));
    }

    static void crashAt(ReviewService reviews, String step, Runnable request) {
        A3ManualReviewTest.crashAt(reviews, step, request);
    }

    @Test
    void a3_an_approval_of_an_appeal_interrupted_after_the_cap_then_upheld_gives_the_extra_back() {
        String uscc = A3ManualReviewTest.institution();
        Document queued = appealed(uscc, 50_000_000L);
        String id = queued.getString("_id");
        // a higher re-decision (800,000 CNY, one officer) dies after the ledger took the extra 300,000 CNY under the R-id
        crashAt(reviews, "review-limited", () -> assertThrows(IllegalStateException.class, () -> reviews.decide(id,
                officer("xa-1"), command("APPROVED", 80_000_000L, "larger landing"))));
        assertEquals(80_000_000L, used(uscc), "the extra is held for the appeal's decision");
        assertEquals("OPEN", state(id));
        // the appealed award of 500,000 CNY stands: the extra goes back, once
        A3ManualReviewTest.officer("xa-2").body(A3ManualReviewTest.body("UPHELD", null, "the landing was counted in full"))
                .post(AppealReviewTest.path(queued)).then().statusCode(200).body("reviewState", equalTo("DONE"))
                .body("outcome", equalTo("UPHELD")).body("amountFen", equalTo(50_000_000));
        assertEquals(50_000_000L, used(uscc), "A3: the applicant's 2026 cap counts the 500,000 CNY that stands");
        assertEquals("RELEASED", ledgers.intent(id + "|" + key(uscc)).orElseThrow().getString("state"));
        ledgerIsTheLiveDecisions(uscc, List.of(queued.getString("applicationId")));

        // the same above the maker-checker threshold: the checker's confirmation dies after the ledger, AWAITING_SECOND
        String uscc2 = A3ManualReviewTest.institution();
        Document queued2 = appealed(uscc2, 120_000_000L);
        String id2 = queued2.getString("_id");
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 150_000_000L, "larger landing"))
                .post(AppealReviewTest.path(queued2)).then().statusCode(200).body("reviewState", equalTo("AWAITING_SECOND"));
        crashAt(reviews, "review-limited", () -> assertThrows(IllegalStateException.class, () -> reviews.decide(id2,
                officer("xa-2"), command("APPROVED", 150_000_000L, "confirmed"))));
        assertEquals(150_000_000L, used(uscc2));
        assertEquals("AWAITING_SECOND", state(id2));
        A3ManualReviewTest.officer("xa-3").body(A3ManualReviewTest.body("UPHELD", null, "the award stands"))
                .post(AppealReviewTest.path(queued2)).then().statusCode(200).body("outcome", equalTo("UPHELD"))
                .body("amountFen", equalTo(120_000_000));
        assertEquals(120_000_000L, used(uscc2), "A3: 1,200,000 CNY stands on the 2026 cap, not 1,500,000");
        ledgerIsTheLiveDecisions(uscc2, List.of(queued2.getString("applicationId")));
    }

    @Test
    void a3_an_uphold_interrupted_after_its_state_and_after_the_give_back_is_finished_by_its_retry_giving_back_once() {
        String uscc = A3ManualReviewTest.institution();
        Document queued = appealed(uscc, 50_000_000L);
        String id = queued.getString("_id");
        String path = AppealReviewTest.path(queued);
        crashAt(reviews, "review-limited", () -> assertThrows(IllegalStateException.class, () -> reviews.decide(id,
                officer("xa-1"), command("APPROVED", 80_000_000L, "larger landing"))));
        assertEquals(80_000_000L, used(uscc));

        // dies after UPHOLDING is written, before anything is given back
        crashAt(reviews, "review-moved", () -> assertThrows(IllegalStateException.class, () -> reviews.decide(id,
                officer("xa-2"), command("UPHELD", null, "the award stands"))));
        assertEquals("UPHOLDING", state(id), "the uphold is written first");
        assertEquals(80_000_000L, used(uscc));
        // no approval or rejection completes an uphold under way
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 80_000_000L, "larger landing"))
                .post(path).then().statusCode(409).contentType("application/problem+json");
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("REJECTED", null, "after all")).post(path).then()
                .statusCode(409).contentType("application/problem+json");
        assertEquals(80_000_000L, used(uscc));

        // the retry dies after the give-back, before the decision completes
        crashAt(reviews, "review-released", () -> assertThrows(IllegalStateException.class, () -> reviews.decide(id,
                officer("xa-2"), command("UPHELD", null, "the award stands"))));
        assertEquals("UPHOLDING", state(id));
        assertEquals(50_000_000L, used(uscc), "the extra 300,000 CNY went back");

        // the next retry completes it and gives nothing back twice
        A3ManualReviewTest.officer("xa-2").body(A3ManualReviewTest.body("UPHELD", null, "the award stands")).post(path)
                .then().statusCode(200).body("reviewState", equalTo("DONE")).body("outcome", equalTo("UPHELD"))
                .body("amountFen", equalTo(50_000_000));
        A3ManualReviewTest.officer("xa-2").body(A3ManualReviewTest.body("UPHELD", null, "again")).post(path).then()
                .statusCode(409);
        Document done = repository.find(id).orElseThrow();
        assertEquals("APPROVED", done.getString("outcome"));
        assertEquals(50_000_000L, done.get("amountFen", Number.class).longValue());
        assertEquals(50_000_000L, used(uscc), "A3: given back once, 500,000 CNY stands on the 2026 cap");
        Document intent = ledgers.intent(id + "|" + key(uscc)).orElseThrow();
        assertEquals("RELEASED", intent.getString("state"));
        assertEquals(30_000_000L, intent.get("released", Document.class).get("releasedFen", Number.class).longValue(),
                "the extra 300,000 CNY given back by one release");
        ledgerIsTheLiveDecisions(uscc, List.of(queued.getString("applicationId")));
    }

    @Test
    void a3_an_approval_and_an_uphold_of_one_appeal_by_two_officers_at_once_leave_the_cap_with_the_winner()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the approval has taken its extra when the uphold runs whole; then the approval's write loses
            String uscc = A3ManualReviewTest.institution();
            Document queued = appealed(uscc, 50_000_000L);
            String id = queued.getString("_id");
            CountDownLatch taken = new CountDownLatch(1);
            CountDownLatch upheld = new CountDownLatch(1);
            reviews.crashPoint(step -> {
                if ("review-limited".equals(step)) {
                    taken.countDown();
                    await(upheld);
                }
            });
            Future<ReviewService.ReviewResult> approval;
            try {
                approval = pool.submit(() -> reviews.decide(id, officer("xa-1"),
                        command("APPROVED", 80_000_000L, "larger landing")));
                assertTrue(taken.await(60, TimeUnit.SECONDS), "the approval took its share");
                assertEquals(80_000_000L, used(uscc));
                ReviewService.ReviewResult result = reviews.decide(id, officer("xa-2"),
                        command("UPHELD", null, "the award stands"));
                assertEquals("UPHELD", result.outcome());
            } finally {
                upheld.countDown();
                reviews.crashPoint(step -> { });
            }
            ExecutionException lost = assertThrows(ExecutionException.class, () -> approval.get(60, TimeUnit.SECONDS));
            assertEquals(409, ((ProblemException) lost.getCause()).status());
            assertEquals(50_000_000L, used(uscc), "A3: the uphold won, 500,000 CNY stands on the 2026 cap");
            ledgerIsTheLiveDecisions(uscc, List.of(queued.getString("applicationId")));

            // free-running: both start together, whichever wins the ledger holds what the winner's decision holds
            for (int round = 0; round < 3; round++) {
                String racer = A3ManualReviewTest.institution();
                Document raced = appealed(racer, 50_000_000L);
                String racedId = raced.getString("_id");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ReviewService.ReviewResult>> both = new ArrayList<>();
                both.add(pool.submit(() -> {
                    await(start);
                    return reviews.decide(racedId, officer("xa-1"), command("APPROVED", 80_000_000L, "larger landing"));
                }));
                both.add(pool.submit(() -> {
                    await(start);
                    return reviews.decide(racedId, officer("xa-2"), command("UPHELD", null, "the award stands"));
                }));
                start.countDown();
                int won = 0;
                for (Future<ReviewService.ReviewResult> f : both) {
                    try {
                        f.get(60, TimeUnit.SECONDS);
                        won++;
                    } catch (ExecutionException e) {
                        assertEquals(409, ((ProblemException) e.getCause()).status(), e.getCause().toString());
                    }
                }
                assertEquals(1, won, "one officer's decision stands");
                long stands = repository.find(racedId).orElseThrow().get("amountFen", Number.class).longValue();
                assertEquals(stands, used(racer), "A3: the 2026 cap counts the amount that stands, " + stands);
                ledgerIsTheLiveDecisions(racer, List.of(raced.getString("applicationId")));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void await(CountDownLatch latch) {
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
