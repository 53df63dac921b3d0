package org.susong.eligibility.messaging;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.application.RegisteredContracts;
import org.susong.eligibility.persistence.LedgerRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Automatic B3b awards from registered contracts (AwardProposed -> finalising decision ->
 * RevocationRequested), cap releases from payments, appeals and dead letters - all through the
 * real broker, fed with the event-contracts examples. Business date 2026-06-15 (%test).
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class AwardsAndAppealsTest {

    static final String REGISTERED = "susong.tech-contracts.ContractRegistered.v1";
    static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LedgerRepository ledgers;

    static String uscc() {
        StringBuilder b = new StringBuilder("91350206");
        for (int i = 0; i < 10; i++) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }

    static void send(String topic, String eventId, String type, String key, String payload) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event(topic, eventId, type, key, payload, Map.of()))
                .awaitCompletion();
    }

    /** The event-contracts example of ContractRegistered, for a fresh contract and seller. */
    static String registered(String contractId, String seller, long technicalFen) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(EventContracts.example(REGISTERED));
        c.put("contractId", contractId);
        c.put("sellerUscc", seller);
        c.put("registrationNumber", "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
        c.put("technicalTransactionAmountFen", technicalFen);
        return JSON.writeValueAsString(c);
    }

    static ConsumerRecord<String, String> published(String key, String type) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings().fromTopics("eligibility.events",
                        Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(r -> key.equals(r.key()) && type.equals(CloudEventRecords.header(r, "ce_type"))).toList(),
                l -> !l.isEmpty()).get(0);
    }

    static io.restassured.specification.RequestSpecification user() {
        // decisions of every district: an auditor reads them all (a district officer would see only its own)
        return given().header("X-User", "auditor-1").header("X-Roles", "auditor");
    }

    long used(String key) {
        return ledgers.ledger(key).orElseThrow().get("usedFen", Number.class).longValue();
    }

    /** The system-initiated application the applications service makes of a proposal. */
    static String systemApplication(String applicationId, String seller, ConsumerRecord<String, String> proposal)
            throws Exception {
        var p = JSON.readTree(proposal.value());
        ObjectNode s = JSON.createObjectNode();
        s.put("applicationId", applicationId).put("applicantUscc", seller).put("measureCode", "B3b").put("district", "HULI")
                .put("proposalId", p.get("proposalId").asText()).put("systemInitiated", true)
                .put("submittedAt", "2026-06-15T02:00:00Z").set("facts", p.get("facts"));
        return JSON.writeValueAsString(s);
    }

    @Test
    void a_registered_contract_is_rewarded_without_an_application_and_revoked_when_cancelled() throws Exception {
        String contractId = "TC-T" + UUID.randomUUID().toString().substring(0, 12);
        String seller = uscc();
        String eventId = UUID.randomUUID().toString();
        String payload = registered(contractId, seller, 210_000_000L);
        send("tech-contracts.events", eventId, REGISTERED, contractId, payload);
        ConsumerRecord<String, String> proposal = published("AP-" + contractId + "-1", "susong.eligibility.AwardProposed.v1");
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.AwardProposed.v1", proposal.value()));
        var body = JSON.readTree(proposal.value());
        // B3b: 3% of 2,100,000 CNY (placeholder bracket) = 63,000 CNY, within the 1,000,000 CNY annual cap
        assertEquals(6_300_000L, body.get("amountFen").asLong());
        assertEquals(seller, body.get("beneficiaryUscc").asText());
        assertEquals(2026, body.get("fiscalYear").asInt(), "cap year = registration year (placeholder basis)");
        // issue 16 item 7: an automatic award says its amount rests on placeholder brackets, in both languages, in words
        String proposedEn = body.get("explanation").get("en").asText();
        String proposedZh = body.get("explanation").get("zh").asText();
        assertTrue(proposedEn.contains("pending the implementing rules") && !proposedEn.contains("muldiv("), proposedEn);
        assertTrue(proposedZh.contains("待实施细则公布") && !proposedZh.contains("muldiv("), proposedZh);
        // issue 16 item 7: the proposal states the readings its conditions rest on (经认定登记的技术合同: the contract
        // registered in the measures' years is a reading), in both languages, before any decision exists
        assertTrue(proposedEn.contains("the condition applied is a reading of the source pending the implementing rules")
                && proposedEn.contains("(source: 经认定登记的技术合同)"), proposedEn);
        assertTrue(proposedZh.contains("系对原文的理解，待实施细则明确") && proposedZh.contains("（原文：经认定登记的技术合同）"),
                proposedZh);
        String capKey = "CAP|B3b|" + seller + "|2026";
        assertEquals(6_300_000L, used(capKey));
        send("tech-contracts.events", eventId, REGISTERED, contractId, payload);

        String applicationId = "APP-SYS-" + UUID.randomUUID().toString().substring(0, 8);
        send("applications.events", UUID.randomUUID().toString(), SUBMITTED, applicationId,
                systemApplication(applicationId, seller, proposal));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> user().get("/decisions/" + applicationId).then()
                .statusCode(200).body("outcome", equalTo("APPROVED")).body("amountFen", equalTo(6_300_000))
                .body("proposalId", equalTo("AP-" + contractId + "-1"))
                .body("criteria.find { it.name == 'proposal' }.passed", equalTo(true))
                .body("explanationEn", containsString("pending the implementing rules"))
                .body("explanationZh", containsString("金额按暂定比例档次计算，待实施细则公布")));
        ConsumerRecord<String, String> decided = published("D-" + applicationId, "susong.eligibility.EligibilityDecided.v1");
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.EligibilityDecided.v1", decided.value()));
        assertEquals("AP-" + contractId + "-1", JSON.readTree(decided.value()).get("proposalId").asText());
        assertEquals(6_300_000L, used(capKey), "finalising the proposal does not consume the cap a second time");

        // the same contract applied for by hand: one B3b reward per registered contract
        String manual = "APP-MAN-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode byHand = (ObjectNode) JSON.readTree(systemApplication(manual, seller, proposal));
        byHand.remove("proposalId");
        byHand.remove("systemInitiated");
        send("applications.events", UUID.randomUUID().toString(), SUBMITTED, manual, JSON.writeValueAsString(byHand));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> user().get("/decisions/" + manual).then()
                .statusCode(200).body("outcome", equalTo("REJECTED"))
                .body("criteria.find { it.name == 'oncePerClaim' }.passed", equalTo(false)));
        assertEquals(6_300_000L, used(capKey));

        ObjectNode cancelled = (ObjectNode) JSON.readTree(EventContracts.example("susong.tech-contracts.ContractCancelled.v1"));
        cancelled.put("contractId", contractId);
        send("tech-contracts.events", UUID.randomUUID().toString(), "susong.tech-contracts.ContractCancelled.v1", contractId,
                JSON.writeValueAsString(cancelled));
        ConsumerRecord<String, String> revocation = published("RV-D-" + applicationId + "-1",
                "susong.eligibility.RevocationRequested.v1");
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.RevocationRequested.v1", revocation.value()));
        assertEquals(6_300_000L, JSON.readTree(revocation.value()).get("amountFen").asLong());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(0L, used(capKey), "the cap share is given back"));
        long proposals = kafka().consumeStrings().fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion()
                .getRecords().stream().filter(r -> ("AP-" + contractId + "-1").equals(r.key())).count();
        assertEquals(1, proposals, "a redelivered registration proposes nothing twice");
    }

    @Test
    void a_lower_amendment_after_the_award_revokes_the_difference() throws Exception {
        String contractId = "TC-A" + UUID.randomUUID().toString().substring(0, 12);
        String seller = uscc();
        send("tech-contracts.events", UUID.randomUUID().toString(), REGISTERED, contractId,
                registered(contractId, seller, 210_000_000L));
        ConsumerRecord<String, String> proposal = published("AP-" + contractId + "-1", "susong.eligibility.AwardProposed.v1");
        String applicationId = "APP-SYS-" + UUID.randomUUID().toString().substring(0, 8);
        send("applications.events", UUID.randomUUID().toString(), SUBMITTED, applicationId,
                systemApplication(applicationId, seller, proposal));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> user().get("/decisions/" + applicationId).then()
                .statusCode(200).body("outcome", equalTo("APPROVED")));
        ObjectNode amended = (ObjectNode) JSON.readTree(EventContracts.example("susong.tech-contracts.ContractAmended.v1"));
        amended.put("contractId", contractId);
        ((ObjectNode) amended.get("before")).put("technicalTransactionAmountFen", 210_000_000L);
        ((ObjectNode) amended.get("after")).put("technicalTransactionAmountFen", 100_000_000L);
        send("tech-contracts.events", UUID.randomUUID().toString(), "susong.tech-contracts.ContractAmended.v1", contractId,
                JSON.writeValueAsString(amended));
        ConsumerRecord<String, String> revocation = published("RV-D-" + applicationId + "-1",
                "susong.eligibility.RevocationRequested.v1");
        // 63,000 CNY awarded; 3% of 1,000,000 CNY = 30,000 CNY now due: recover 33,000 CNY
        assertEquals(3_300_000L, JSON.readTree(revocation.value()).get("amountFen").asLong());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(3_000_000L,
                used("CAP|B3b|" + seller + "|2026")));

        // payments releases only the revoked part of the unpaid order (issue 12, item 8): the cap keeps the 30,000 CNY
        // still due; the revoked part was given back with the revocation, once per revocation id
        String released = "{\"orderId\":\"PO-D-" + applicationId + "\",\"decisionId\":\"D-" + applicationId
                + "\",\"applicationId\":\"" + applicationId + "\",\"beneficiaryUscc\":\"" + seller + "\",\"measureCode\":\"B3b\","
                + "\"fiscalYear\":2026,\"budgetLine\":\"2026:B3b\",\"amountFen\":3300000,\"reason\":\"RECOVERED\","
                + "\"releasedAt\":\"2026-06-16T03:00:00Z\",\"remainingFen\":3000000,\"revocationId\":\"RV-D-" + applicationId
                + "-1\"}";
        assertEquals(List.of(), EventContracts.violations("susong.payments.BudgetReleased.v1", released));
        send("payments.events", UUID.randomUUID().toString(), "susong.payments.BudgetReleased.v1", "PO-D-" + applicationId,
                released);
        send("payments.events", UUID.randomUUID().toString(), "susong.payments.BudgetReleased.v1", "PO-D-" + applicationId,
                released.replace("2026-06-16T03:00:00Z", "2026-06-16T03:00:01Z"));
        // the whole-share release took effect within a second or two before the fix: watch for five
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(3_000_000L,
                used("CAP|B3b|" + seller + "|2026"), "a partial release gives back only the revoked part, once"));
    }

    @Test
    void a_released_budget_frees_the_cap_and_an_appeal_is_decided_again_under_the_original_version() throws Exception {
        String uscc = uscc();
        String x1 = "APP-X1-" + UUID.randomUUID().toString().substring(0, 8);
        String x2 = "APP-X2-" + UUID.randomUUID().toString().substring(0, 8);
        String x3 = "APP-X3-" + UUID.randomUUID().toString().substring(0, 8);
        // 34,000,000 CNY: 3% of 10,000,000 + 2% of 24,000,000 = 780,000 CNY
        apply(x1, uscc, 3_400_000_000L);
        awaitOutcome(x1, "APPROVED", 78_000_000);
        // 10,000,000 CNY -> 300,000 CNY, only 220,000 CNY of the 1,000,000 CNY remain
        apply(x2, uscc, 1_000_000_000L);
        awaitOutcome(x2, "APPROVED", 22_000_000);
        apply(x3, uscc, 200_000_000L);
        awaitOutcome(x3, "REJECTED", 0);

        String released = "{\"orderId\":\"PO-D-" + x1 + "\",\"decisionId\":\"D-" + x1 + "\",\"applicationId\":\"" + x1
                + "\",\"beneficiaryUscc\":\"" + uscc + "\",\"measureCode\":\"B3b\",\"fiscalYear\":2026,\"budgetLine\":\"B3b\","
                + "\"amountFen\":78000000,\"reason\":\"WITHDRAWN\",\"releasedAt\":\"2026-06-15T03:00:00Z\"}";
        send("payments.events", UUID.randomUUID().toString(), "susong.payments.BudgetReleased.v1", "PO-D-" + x1, released);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(22_000_000L,
                used("CAP|B3b|" + uscc + "|2026")));

        String appeal = "{\"applicationId\":\"" + x3 + "\",\"decisionId\":\"D-" + x3 + "\",\"grounds\":\"the cap is free"
                + " again\",\"appealedAt\":\"2026-06-15T04:00:00Z\"}";
        send("applications.events", UUID.randomUUID().toString(), "susong.applications.ApplicationAppealed.v1", x3, appeal);
        // an officer of Jimei weighs the appeal (issue 20 item 4) and approves the amount the rule computes again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> user().get("/decisions/" + x3).then().statusCode(200)
                .body("decisionId", equalTo("D-" + x3 + "-R1")).body("outcome", equalTo("REVIEW_REQUIRED"))
                .body("proposedFen", equalTo(6_000_000)).body("appeal.grounds", equalTo("the cap is free again")));
        given().header("X-User", "jm-1").header("X-Roles", "officer").header("X-District", "JIMEI")
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("outcome", "APPROVED", "reason", "cap free"))
                .post("/reviews/D-" + x3 + "-R1/decision").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> user().get("/decisions/" + x3).then().statusCode(200)
                .body("decisionId", equalTo("D-" + x3 + "-R1")).body("supersedes", equalTo("D-" + x3))
                .body("outcome", equalTo("APPROVED")).body("amountFen", equalTo(6_000_000))
                .body("ruleVersion", equalTo("B3b@1")).body("businessDate", equalTo("2026-06-15")));
        user().get("/decisions/by-id/D-" + x3).then().statusCode(200).body("outcome", equalTo("REJECTED"))
                .body("supersededBy", equalTo("D-" + x3 + "-R1"));
        ConsumerRecord<String, String> redecided = published("D-" + x3 + "-R1", "susong.eligibility.EligibilityDecided.v1");
        assertEquals("D-" + x3, JSON.readTree(redecided.value()).get("supersedes").asText());
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.EligibilityDecided.v1", redecided.value()));
        user().get("/decisions/" + x2).then().body("notice.appealDeadline", equalTo("2026-08-14"))
                .body("capShares.find { it.ledgerKey.startsWith('CAP|') }.seenFen", equalTo(22_000_000));
    }

    @Test
    void malformed_contract_events_and_appeals_of_unknown_decisions_go_to_the_dead_letter_topic() throws Exception {
        String contractId = "TC-BAD" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode bad = (ObjectNode) JSON.readTree(registered(contractId, uscc(), 1L));
        bad.remove("technicalTransactionAmountFen");
        send("tech-contracts.events", UUID.randomUUID().toString(), REGISTERED, contractId, JSON.writeValueAsString(bad));
        String appealKey = "APP-NONE-" + UUID.randomUUID().toString().substring(0, 6);
        send("applications.events", UUID.randomUUID().toString(), "susong.applications.ApplicationAppealed.v1", appealKey,
                "{\"applicationId\":\"" + appealKey + "\",\"decisionId\":\"D-" + appealKey + "\",\"grounds\":\"x\","
                        + "\"appealedAt\":\"2026-06-15T04:00:00Z\"}");
        String poisonKey = "PO-POISON-" + UUID.randomUUID().toString().substring(0, 6);
        kafka().produceStrings().fromRecords(CloudEventRecords.poison("payments.events", poisonKey)).awaitCompletion();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = kafka().consumeStrings().fromTopics("eligibility.dlq",
                    Duration.ofSeconds(2)).awaitCompletion().getRecords();
            assertTrue(dead.stream().anyMatch(r -> contractId.equals(r.key())
                    && CloudEventRecords.header(r, "dead-letter-reason").contains("technicalTransactionAmountFen")));
            assertTrue(dead.stream().anyMatch(r -> appealKey.equals(r.key())
                    && CloudEventRecords.header(r, "dead-letter-reason").contains("does not exist")));
            assertTrue(dead.stream().anyMatch(r -> poisonKey.equals(r.key())));
        });
    }

    /** A B3b application for a contract registered (in eligibility's registry projection) with {@code uscc} as seller. */
    static void apply(String applicationId, String uscc, long technicalFen) {
        String number = "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        RegisteredContracts.register(number, uscc, technicalFen, "2026-03-01");
        send("applications.events", UUID.randomUUID().toString(), SUBMITTED, applicationId, "{\"applicationId\":\""
                + applicationId + "\",\"applicantUscc\":\"" + uscc + "\",\"measureCode\":\"B3b\",\"district\":\"JIMEI\","
                + "\"facts\":{\"contractRegistrationNumber\":\"" + number + "\",\"technicalTransactionAmountFen\":"
                + technicalFen + ",\"registeredOn\":\"2026-03-01\"},\"submittedAt\":\"2026-06-15T01:00:00Z\"}");
    }

    static void awaitOutcome(String applicationId, String outcome, int amountFen) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> user().get("/decisions/" + applicationId).then()
                .statusCode(200).body("outcome", equalTo(outcome)).body("amountFen", equalTo(amountFen)));
    }
}
