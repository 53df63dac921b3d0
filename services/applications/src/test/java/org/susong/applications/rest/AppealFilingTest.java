package org.susong.applications.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 20 item 4, the appeal as filed: the administrative-reconsideration deadline (60 days from the notice,
 * eligibility's {@code appealDeadline} on the decision) is enforced when the appeal is filed, on the business clock
 * (%test: 2026-06-15); an approved decision can be appealed too (the applicant contests the amount), with the
 * applicant's document references carried to eligibility's review queue on {@code ApplicationAppealed}.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
@ExtendWith(TestBroker.class)
class AppealFilingTest {

    static final String APPEALED = "susong.applications.ApplicationAppealed.v1";

    @BeforeAll
    static void measures() {
        LifecycleFlowsTest.measures();
    }

    @jakarta.inject.Inject
    com.mongodb.client.MongoClient mongo;

    /**
     * The measures are read once the consumer has caught up: run first after a restart of the application (CI's
     * order), a submission before the projection holds C1 is refused 422 {@code measureCode} - wait for it, as
     * LifecycleFlowsTest does.
     */
    @org.junit.jupiter.api.BeforeEach
    void projectionReady() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> mongo.getDatabase(
                "applications").getCollection("measures").countDocuments(new org.bson.Document("_id", "C1")) == 1);
    }

    static String applicant() {
        String uscc = LifecycleFlowsTest.uscc(500_000 + ThreadLocalRandom.current().nextInt(400_000));
        return LifecycleFlowsTest.registered(uscc, "Huli", null);
    }

    static Map<String, Object> appeal(String grounds) {
        return Map.of("grounds", grounds, "documents", List.of(Map.of("fileName", "contract.pdf", "sha256",
                "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", "sizeBytes", 120_000, "kind", "CONTRACT")));
    }

    @Test
    void an_appeal_after_the_deadline_is_refused_naming_it_and_one_on_the_last_day_is_taken() {
        String late = LifecycleFlowsTest.submit(applicant(), "C1", "2026");
        // decided 2026-04-15: the 60 days ran out on 2026-06-14, the day before the business date
        LifecycleFlowsTest.decided(late, "D-" + late, "REJECTED", ",\"appealDeadline\":\"2026-06-14\"");
        LifecycleFlowsTest.awaitStatus(late, "REJECTED");
        LifecycleFlowsTest.officer().body(appeal("the certificate was valid")).post("/applications/" + late + "/appeal")
                .then().statusCode(422).contentType("application/problem+json").body("field", equalTo("appealDeadline"))
                .body("appealDeadline", equalTo("2026-06-14")).body("detail", containsString("2026-06-14"));
        LifecycleFlowsTest.officer().get("/applications/" + late).then().body("status", equalTo("REJECTED"));

        String onTime = LifecycleFlowsTest.submit(applicant(), "C1", "2026");
        LifecycleFlowsTest.decided(onTime, "D-" + onTime, "REJECTED", ",\"appealDeadline\":\"2026-06-15\"");
        LifecycleFlowsTest.awaitStatus(onTime, "REJECTED");
        LifecycleFlowsTest.officer().body(appeal("the certificate was valid")).post("/applications/" + onTime + "/appeal")
                .then().statusCode(202).body("status", equalTo("APPEALED"));
    }

    @Test
    void an_approved_decision_is_appealed_with_documents_and_eligibility_is_told() {
        String id = LifecycleFlowsTest.submit(applicant(), "C1", "2026");
        LifecycleFlowsTest.decided(id, "D-" + id, "APPROVED", ",\"appealDeadline\":\"2026-08-14\"");
        LifecycleFlowsTest.awaitStatus(id, "APPROVED");
        LifecycleFlowsTest.officer().body(appeal("the amount leaves out the second contract"))
                .post("/applications/" + id + "/appeal").then().statusCode(202).body("status", equalTo("APPEALED"));
        ConsumerRecord<String, String> appealed = LifecycleFlowsTest.published(id, APPEALED, 1).get(0);
        assertEquals(List.of(), EventContracts.violations(APPEALED, appealed.value()));
        assertTrue(appealed.value().contains("\"decisionId\":\"D-" + id + "\""), appealed.value());
        assertTrue(appealed.value().contains("\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\""),
                "the document reference, normalised: " + appealed.value());
        // the re-decision of the appeal (an officer's) closes the round
        LifecycleFlowsTest.decided(id, "D-" + id + "-R1", "APPROVED", ",\"supersedes\":\"D-" + id + "\"");
        LifecycleFlowsTest.awaitStatus(id, "APPROVED");
    }
}
