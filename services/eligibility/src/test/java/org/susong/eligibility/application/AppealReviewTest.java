package org.susong.eligibility.application;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 20 item 4, an appeal is weighed by a person. An applicant's appeal ({@code ApplicationAppealed} on
 * applications.events, with grounds and document references) puts the appealed decision's re-decision
 * {@code D-<app>-R1} into the officers' review queue; nothing is final, published or taken from a cap until an officer
 * upholds it (the decision stands, its event says so) or re-decides it: a lower amount gives the difference back to the
 * cap ledger (written first, once by its release id, finished by a retry after a crash), a higher one takes only the
 * extra, and above {@code maker-checker-above-fen} (1,000,000 CNY) a second officer confirms. A3 (an officer sets the
 * amount, placeholder cap 3,000,000 CNY per beneficiary per year); real store and broker, business date 2026-06-15.
 */
@QuarkusTest
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
class AppealReviewTest extends DecisionStores {

    static final String APPEALED = "susong.applications.ApplicationAppealed.v1";

    @Inject
    ReviewService reviews;

    long used(String uscc) {
        return ledgers.ledger("CAP|A3|" + uscc + "|2026").map(l -> l.get("usedFen", Number.class).longValue()).orElse(0L);
    }

    Document reread(String decisionId) {
        return repository.find(decisionId).orElseThrow();
    }

    /** An A3 application of {@code uscc} approved by officers at {@code amountFen}; its decision id. */
    String approved(String uscc, long amountFen) {
        return approved(decisions, repository, uscc, amountFen);
    }

    static String approved(DecisionService decisions, DecisionRepository repository, String uscc, long amountFen) {
        String applicationId = CapsAndReviewsTest.app("A3");
        decisions.decide(CapsAndReviewsTest.submission(applicationId, uscc, "A3", "XIANGAN", A3ManualReviewTest.landing()));
        String id = repository.findLatest(applicationId).orElseThrow().getString("_id");
        String path = "/reviews/" + id + "/decision";
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", amountFen, "landing seen")).post(path)
                .then().statusCode(200);
        if (amountFen > 100_000_000L) {
            A3ManualReviewTest.officer("xa-2").body(A3ManualReviewTest.body("APPROVED", amountFen, "confirmed")).post(path)
                    .then().statusCode(200).body("reviewState", equalTo("DONE"));
        }
        assertEquals("APPROVED", repository.find(id).orElseThrow().getString("outcome"));
        return id;
    }

    /** The applicant's appeal of {@code decisionId}, as applications publishes it; the appeal's decision once queued. */
    Document appeal(String decisionId, String grounds) {
        return appeal(repository, decisionId, grounds);
    }

    static Document appeal(DecisionRepository repository, String decisionId, String grounds) {
        String applicationId = repository.find(decisionId).orElseThrow().getString("applicationId");
        String payload = "{\"applicationId\":\"" + applicationId + "\",\"decisionId\":\"" + decisionId + "\",\"grounds\":\""
                + grounds + "\",\"appealedAt\":\"2026-06-15T03:00:00Z\",\"documents\":[{\"fileName\":\"contract.pdf\","
                + "\"sha256\":\"" + "ab".repeat(32) + "\",\"sizeBytes\":120000,\"kind\":\"CONTRACT\"}]}";
        assertEquals(List.of(), EventContracts.violations(APPEALED, payload));
        kafka().produceStrings().fromRecords(CloudEventRecords.event("applications.events", UUID.randomUUID().toString(),
                APPEALED, applicationId, payload, Map.of())).awaitCompletion();
        String appealId = "D-" + applicationId + "-R1";
        return await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(appealId).orElse(null),
                d -> d != null);
    }

    static String path(Document d) {
        return "/reviews/" + d.getString("_id") + "/decision";
    }

    @Test
    void an_appeal_waits_in_the_review_queue_with_the_grounds_and_documents_and_the_officer_upholds_it() {
        String uscc = A3ManualReviewTest.institution();
        String original = approved(uscc, 80_000_000L);
        Document queued = appeal(original, "the contract shows a larger landing");
        String id = queued.getString("_id");
        assertEquals("REVIEW_REQUIRED", queued.getString("outcome"), "weighed by a person, not re-decided by the system");
        assertEquals("OPEN", queued.getString("reviewState"));
        assertEquals(original, queued.getString("supersedes"));
        Document filed = queued.get("appeal", Document.class);
        assertEquals("the contract shows a larger landing", filed.getString("grounds"));
        assertEquals(80_000_000L, filed.get("heldFen", Number.class).longValue());
        assertEquals("APPROVED", filed.getString("appealedOutcome"));
        assertEquals("contract.pdf", filed.getList("documents", Document.class).get(0).getString("fileName"));
        assertEquals(80_000_000L, used(uscc), "nothing taken or given back while the appeal waits");
        assertNull(queued.getString("appealDeadline"), "no notice before an officer decides");
        // the officer's queue shows it with the applicant's grounds and documents
        given().header("X-User", "xa-1").header("X-Roles", "officer").header("X-District", "XIANGAN")
                .queryParam("measure", "A3").queryParam("limit", 200).get("/reviews").then().statusCode(200)
                .body("items.decisionId", hasItem(id))
                .body("items.find { it.decisionId == '" + id + "' }.appeal.grounds", equalTo("the contract shows a larger landing"))
                .body("items.find { it.decisionId == '" + id + "' }.appeal.documents[0].sha256", equalTo("ab".repeat(32)));

        // upheld: the decision stands, the same amount, nothing taken or given back; the event says so
        A3ManualReviewTest.officer("xa-2").body(A3ManualReviewTest.body("UPHELD", null, "the landing was counted in full"))
                .post(path(queued)).then().statusCode(200).body("reviewState", equalTo("DONE"))
                .body("outcome", equalTo("UPHELD")).body("amountFen", equalTo(80_000_000));
        Document done = reread(id);
        assertEquals("APPROVED", done.getString("outcome"));
        assertEquals(80_000_000L, done.get("amountFen", Number.class).longValue());
        assertEquals(80_000_000L, used(uscc));
        assertEquals("2026-08-14", done.getString("appealDeadline"), "a new notice, 60 days from the business date");
        JsonNode event = A3ManualReviewTest.published(id, "APPROVED");
        assertEquals(original, event.get("supersedes").asText());
        assertEquals(80_000_000L, event.get("amountFen").asLong());
        boolean saysUpheld = false;
        for (JsonNode c : event.get("criteria")) {
            saysUpheld |= "appeal".equals(c.get("name").asText()) && c.get("en").asText().contains("upheld by xa-2");
        }
        assertTrue(saysUpheld, event.toString());
        A3ManualReviewTest.officer("xa-3").body(A3ManualReviewTest.body("UPHELD", null, "again")).post(path(queued))
                .then().statusCode(409);
        // UPHELD is an appeal's outcome only
        String other = CapsAndReviewsTest.app("A3");
        decisions.decide(CapsAndReviewsTest.submission(other, uscc, "A3", "XIANGAN", A3ManualReviewTest.landing()));
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("UPHELD", null, "no appeal"))
                .post("/reviews/" + repository.findLatest(other).orElseThrow().getString("_id") + "/decision").then()
                .statusCode(400).body("field", equalTo("outcome"));
    }

    @Test
    void a_lower_re_decision_gives_the_difference_back_once_even_after_a_crash_between_the_ledger_and_the_decision() {
        String uscc = A3ManualReviewTest.institution();
        String original = approved(uscc, 80_000_000L);
        Document queued = appeal(original, "please check the project again");
        // the process dies between the give-back and the decision's write (in the service: the REST answer of a killed
        // process is no answer the contract describes)
        org.susong.commons.security.Principal xa1 = new org.susong.commons.security.Principal("xa-1",
                java.util.Set.of("officer"), java.util.Optional.of("XIANGAN"), java.util.Optional.empty());
        A3ManualReviewTest.crashAt(reviews, "appeal-lowered", () -> org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> reviews.decide(queued.getString("_id"), xa1,
                        new ReviewService.ReviewCommand("APPROVED", 50_000_000L, "part of the landing was abroad"))));
        assertEquals(50_000_000L, used(uscc), "the difference went back before the crash");
        assertEquals("LOWERING", reread(queued.getString("_id")).getString("reviewState"),
                "the lowering was written first");
        // a retry stating another amount, an uphold or a rejection cannot complete a lowering under way
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 60_000_000L, "more")).post(path(queued))
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("amountFen"));
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("UPHELD", null, "after all")).post(path(queued))
                .then().statusCode(409);
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("REJECTED", null, "after all")).post(path(queued))
                .then().statusCode(409);
        assertEquals(50_000_000L, used(uscc));
        // the retry with the same amount completes it and gives nothing back twice
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 50_000_000L,
                "part of the landing was abroad")).post(path(queued)).then().statusCode(200)
                .body("reviewState", equalTo("DONE")).body("outcome", equalTo("APPROVED")).body("amountFen", equalTo(50_000_000));
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 50_000_000L, "again")).post(path(queued))
                .then().statusCode(409);
        Document done = reread(queued.getString("_id"));
        assertEquals(50_000_000L, done.get("amountFen", Number.class).longValue());
        assertEquals(50_000_000L, used(uscc), "given back once: 300,000 CNY");
        assertEquals(50_000_000L, ledgers.ledger("CAP|A3|" + uscc + "|2026").orElseThrow().get("consumers", Document.class)
                .get(original, Document.class).get("fen", Number.class).longValue(), "the appealed decision's share holds 500,000");
        JsonNode event = A3ManualReviewTest.published(done.getString("_id"), "APPROVED");
        assertEquals(50_000_000L, event.get("amountFen").asLong());
        assertEquals(original, event.get("supersedes").asText());
    }

    @Test
    void above_the_threshold_a_second_officer_confirms_a_re_decision_and_a_higher_one_takes_only_the_extra() {
        // lower, but still above 1,000,000 CNY: maker-checker, and nothing given back before the checker confirms
        String uscc = A3ManualReviewTest.institution();
        String original = approved(uscc, 250_000_000L);
        Document queued = appeal(original, "recount");
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 200_000_000L, "camp smaller"))
                .post(path(queued)).then().statusCode(200).body("reviewState", equalTo("AWAITING_SECOND"));
        assertEquals(250_000_000L, used(uscc));
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 200_000_000L, "me again"))
                .post(path(queued)).then().statusCode(409).body("field", equalTo("officer"));
        A3ManualReviewTest.officer("xa-2").body(A3ManualReviewTest.body("APPROVED", 200_000_000L, "confirmed"))
                .post(path(queued)).then().statusCode(200).body("reviewState", equalTo("DONE"))
                .body("amountFen", equalTo(200_000_000));
        assertEquals(200_000_000L, used(uscc));

        // higher, above the threshold: the checker's confirmation takes only the extra, under the re-decision's id
        String uscc2 = A3ManualReviewTest.institution();
        String original2 = approved(uscc2, 80_000_000L);
        Document queued2 = appeal(original2, "the landing was larger");
        A3ManualReviewTest.officer("xa-1").body(A3ManualReviewTest.body("APPROVED", 120_000_000L, "larger landing"))
                .post(path(queued2)).then().statusCode(200).body("reviewState", equalTo("AWAITING_SECOND"));
        assertEquals(80_000_000L, used(uscc2));
        A3ManualReviewTest.officer("xa-2").body(A3ManualReviewTest.body("APPROVED", 120_000_000L, "confirmed"))
                .post(path(queued2)).then().statusCode(200).body("amountFen", equalTo(120_000_000));
        assertEquals(120_000_000L, used(uscc2));
        Document consumers = ledgers.ledger("CAP|A3|" + uscc2 + "|2026").orElseThrow().get("consumers", Document.class);
        assertEquals(80_000_000L, consumers.get(original2, Document.class).get("fen", Number.class).longValue());
        assertEquals(40_000_000L, consumers.get(queued2.getString("_id"), Document.class).get("fen", Number.class).longValue());
    }
}
