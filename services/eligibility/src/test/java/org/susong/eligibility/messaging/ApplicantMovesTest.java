package org.susong.eligibility.messaging;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.ids.District;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.application.ApplicantDistricts;
import org.susong.eligibility.application.DecisionService;
import org.susong.eligibility.persistence.ApplicantDistrictRepository;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 20 item 6, a district change moves the applicant's open work to the new district's officers: applications
 * announces an approved change ({@code ApplicantDistrictChanged.v1} on applications.events) and moves the applicant's
 * applications that are not settled; eligibility follows - the applicant's open reviews go to the new district's queue,
 * a submission made before the change but taken in after it and an appeal filed after it are weighed there, decided
 * decisions keep the district they were decided in (and the new district's officers read them), and a late older
 * change moves nothing back. B3a at 10% of the investment in Xiamen (automatic up to 5,000,000 CNY). Business date
 * 2026-06-15 (%test clock).
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class ApplicantMovesTest {

    static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";
    static final String APPEALED = "susong.applications.ApplicationAppealed.v1";
    static final String MOVED = "susong.applications.ApplicantDistrictChanged.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DecisionRepository decisions;
    @Inject
    ApplicantDistricts districts;
    @Inject
    ApplicantDistrictRepository projection;
    @Inject
    DecisionService decide;

    static void send(String type, String key, String payload) {
        assertEquals(List.of(), EventContracts.violations(type, payload), type);
        kafka().produceStrings().fromRecords(CloudEventRecords.event("applications.events", UUID.randomUUID().toString(),
                type, key, payload, Map.of())).awaitCompletion();
    }

    /** A B3a application submitted in {@code district} at {@code at}, as applications publishes it; its id. */
    static String submit(String uscc, String district, String at, long investmentFen) throws Exception {
        String id = "APP-MV-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode e = (ObjectNode) JSON.readTree(EventContracts.example(SUBMITTED));
        e.put("applicationId", id).put("applicantUscc", uscc).put("measureCode", "B3a").put("district", district)
                .put("submittedAt", at);
        e.set("facts", JSON.valueToTree(Map.of("projectNumber", "P-" + id, "projectName", "moved project",
                "resultSource", "MAJOR_SCIENCE_2030", "investmentInXiamenFen", investmentFen)));
        send(SUBMITTED, id, JSON.writeValueAsString(e));
        return id;
    }

    static void moved(String uscc, String from, String to, String effectiveAt) throws Exception {
        ObjectNode e = (ObjectNode) JSON.readTree(EventContracts.example(MOVED));
        e.put("uscc", uscc).put("fromDistrict", from).put("toDistrict", to).put("effectiveAt", effectiveAt)
                .put("changeId", "ARC-" + UUID.randomUUID().toString().substring(0, 8));
        send(MOVED, uscc, JSON.writeValueAsString(e));
    }

    Document decided(String applicationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> decisions.findLatest(applicationId).orElse(null),
                d -> d != null);
    }

    static RequestSpecification officer(String district) {
        return given().header("X-User", "mv-officer-" + district).header("X-Roles", "officer").header("X-District", district);
    }

    static List<String> queue(String district, String uscc) {
        return officer(district).queryParam("applicant", uscc).get("/reviews").then().statusCode(200)
                .extract().path("items.decisionId");
    }

    @Test
    void the_open_reviews_follow_the_applicant_to_its_new_district_and_decided_decisions_keep_theirs() throws Exception {
        String uscc = AwardsAndAppealsTest.uscc();
        // in Huli: one review waiting for an officer (30,000,000 CNY), one award decided automatically (1,000,000 CNY)
        String review = submit(uscc, "HULI", "2026-06-10T02:00:00Z", 30_000_000_000L);
        String award = submit(uscc, "HULI", "2026-06-10T02:05:00Z", 1_000_000_000L);
        assertEquals("REVIEW_REQUIRED", decided(review).getString("outcome"));
        assertEquals("APPROVED", decided(award).getString("outcome"));
        assertEquals(List.of("D-" + review), queue("HULI", uscc));
        assertEquals(List.of(), queue("SIMING", uscc));
        officer("SIMING").get("/decisions/" + award).then().statusCode(404);

        moved(uscc, "HULI", "SIMING", "2026-06-12T01:00:00Z");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of("D-" + review), queue("SIMING", uscc), "the review follows the applicant"));
        assertEquals(List.of(), queue("HULI", uscc), "and leaves the old district's queue");
        assertEquals("SIMING", decisions.findLatest(review).orElseThrow().getString("district"));
        // the decided award keeps the district it was decided in; the new district's officers read it, a third does not
        assertEquals("HULI", decisions.findLatest(award).orElseThrow().getString("district"));
        officer("SIMING").get("/decisions/" + award).then().statusCode(200).body("district", equalTo("HULI"));
        officer("HULI").get("/decisions/" + award).then().statusCode(200);
        officer("JIMEI").get("/decisions/" + award).then().statusCode(404);

        // made in Huli before the change, taken in after it: weighed by Siming's officers
        String late = submit(uscc, "HULI", "2026-06-11T09:00:00Z", 40_000_000_000L);
        Document lateDecision = decided(late);
        assertEquals("REVIEW_REQUIRED", lateDecision.getString("outcome"));
        assertEquals("SIMING", lateDecision.getString("district"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals(java.util.Set.of("D-" + review, "D-" + late), java.util.Set.copyOf(queue("SIMING", uscc))));

        // an appeal of the Huli award filed after the change: weighed in Siming
        String appeal = "{\"applicationId\":\"" + award + "\",\"decisionId\":\"D-" + award + "\",\"grounds\":\"the "
                + "investment is larger\",\"appealedAt\":\"2026-06-15T03:00:00Z\",\"documents\":[]}";
        send(APPEALED, award, appeal);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals("SIMING", decisions.find("D-" + award + "-R1").map(d -> d.getString("district"))
                        .orElse("(not written yet)")));
        officer("SIMING").queryParam("applicant", uscc).get("/reviews").then().statusCode(200)
                .body("items.decisionId", hasItem("D-" + award + "-R1"));
        officer("HULI").queryParam("applicant", uscc).get("/reviews").then().statusCode(200).body("items", hasSize(0));

        // a late, older change (Jimei to Huli, before the one kept) moves nothing back: the applicant is in Siming
        districts.changed(new ApplicantDistricts.Change(uscc, District.JIMEI, District.HULI, "ARC-OLDER",
                Instant.parse("2026-06-01T00:00:00Z")));
        assertEquals(District.SIMING, districts.current(uscc).orElseThrow());
        assertEquals(3, queue("SIMING", uscc).size(), "every open review stays in Siming");
        // and the change taken in again (a redelivery) is idempotent
        districts.changed(new ApplicantDistricts.Change(uscc, District.HULI, District.SIMING, "ARC-AGAIN",
                Instant.parse("2026-06-12T01:00:00Z")));
        assertEquals(3, queue("SIMING", uscc).size());
        assertEquals(List.of(), queue("HULI", uscc));
    }

    /** A B3a review decided directly in {@code district} (as an attempt that read no move would); its decision id. */
    String reviewIn(String uscc, String district) {
        String id = "APP-MV-" + UUID.randomUUID().toString().substring(0, 8);
        decide.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + id, id, uscc, "B3a", district,
                Map.of("projectNumber", "P-" + id, "projectName", "moved project", "resultSource", "MAJOR_SCIENCE_2030",
                        "investmentInXiamenFen", 30_000_000_000L), null));
        assertEquals(district, decisions.findLatest(id).orElseThrow().getString("district"));
        return "D-" + id;
    }

    /**
     * Second reading's finding (crash and retry): a replica read no move and decided in Huli, the change was taken in
     * meanwhile on another replica and found nothing to move, then the batch was retried - the retry reads the move,
     * finds its decision written already, and must still move the review.
     */
    @Test
    void a_retried_batch_moves_a_review_its_first_attempt_wrote_in_the_old_district() {
        String uscc = AwardsAndAppealsTest.uscc();
        projection.apply(new ApplicantDistrictRepository.Moved(uscc, District.SIMING, "ARC-R", Instant.parse(
                "2026-06-12T01:00:00Z")));
        String review = reviewIn(uscc, "HULI");
        // the retry's submission as follow() resolves it: already in Siming
        districts.afterDeciding(List.of(new DecisionService.Submission("e", "h", review.substring(2), uscc, "B3a",
                "SIMING", Map.of(), null)));
        assertEquals("SIMING", decisions.find(review).orElseThrow().getString("district"));
    }

    /** There and back again: Huli to Siming to Huli leaves every open review in Huli, however the moves interleave. */
    @Test
    void an_applicant_that_moves_there_and_back_has_its_open_reviews_where_it_is_now() {
        String uscc = AwardsAndAppealsTest.uscc();
        String first = reviewIn(uscc, "HULI");
        districts.changed(new ApplicantDistricts.Change(uscc, District.HULI, District.SIMING, "ARC-1",
                Instant.parse("2026-06-12T01:00:00Z")));
        assertEquals("SIMING", decisions.find(first).orElseThrow().getString("district"));
        // a review written in Siming by an attempt that read the first change, while the second was taken in
        String second = reviewIn(uscc, "SIMING");
        districts.changed(new ApplicantDistricts.Change(uscc, District.SIMING, District.HULI, "ARC-2",
                Instant.parse("2026-06-13T01:00:00Z")));
        assertEquals("HULI", decisions.find(first).orElseThrow().getString("district"));
        assertEquals("HULI", decisions.find(second).orElseThrow().getString("district"));
        // a stale reader (it read Siming before the second change) settles on where the applicant is now, not Siming
        String third = reviewIn(uscc, "SIMING");
        districts.afterQueued(uscc);
        assertEquals("HULI", decisions.find(third).orElseThrow().getString("district"));
        assertEquals(java.util.Set.of(first, second, third), java.util.Set.copyOf(queue("HULI", uscc)));
        assertEquals(List.of(), queue("SIMING", uscc));
    }

    @Test
    void an_applicant_that_never_moved_is_decided_in_the_district_it_submitted_in() throws Exception {
        String uscc = AwardsAndAppealsTest.uscc();
        String id = submit(uscc, "JIMEI", "2026-06-14T02:00:00Z", 30_000_000_000L);
        assertEquals("JIMEI", decided(id).getString("district"));
        assertEquals(List.of("D-" + id), queue("JIMEI", uscc));
        assertEquals(java.util.Optional.empty(), districts.current(uscc));
    }
}
