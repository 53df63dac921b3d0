package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 16 item 3, first bullet (measure B3b): 鼓励技术交易，经认定登记的技术合同，给予单家企业每年最高100万元奖励
 * ("technology contracts that are verified and registered"). A B3b application's contract is checked
 * against eligibility's projection of the technology-contract registry (collection {@code tech_contracts},
 * one document per registration number, kept from tech-contracts' ContractRegistered / Amended / Cancelled
 * events): registered, not cancelled, the applicant its rewarded party (seller by default), and the
 * registry's technical transaction amount and registration date are used, not the applicant's.
 * The registry documents are written here as the consumer writes them (the consumer itself:
 * messaging.ContractProjectionTest). Business date 2026-06-15 (%test).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ContractRegistryTest extends DecisionStores {

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    static String registrationNumber() {
        return "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    MongoCollection<Document> registry() {
        return mongo.getDatabase(database).getCollection("tech_contracts");
    }

    void registryHolds(String number, String state, String seller, String buyer, long technicalFen, String registeredOn) {
        registry().insertOne(new Document("_id", number).append("registrationNumber", number)
                .append("contractId", "TC-" + number).append("state", state).append("sellerUscc", seller)
                .append("buyerUscc", buyer).append("technicalTransactionAmountFen", technicalFen)
                .append("registeredOn", registeredOn));
    }

    /** The applicant's claim: a contract, a technical transaction amount of 30,000,000 CNY, a registration date. */
    Document apply(String uscc, String number) {
        String app = CapsAndReviewsTest.app("B3B-REG");
        decisions.decide(CapsAndReviewsTest.submission(app, uscc, "B3b", "HULI", Map.of("contractRegistrationNumber", number,
                "technicalTransactionAmountFen", 3_000_000_000L, "registeredOn", "2026-05-02")));
        return repository.findLatest(app).orElseThrow();
    }

    void nothingTaken(String uscc, String number) {
        assertTrue(ledgers.ledger("CAP|B3b|" + uscc + "|2026").map(l -> l.get("usedFen", Number.class).longValue() == 0)
                .orElse(true), "B3b: nothing taken from the annual cap");
        assertTrue(ledgers.ledger("CLAIM|B3b|" + number).isEmpty(), "the contract's once-only claim is not taken");
    }

    @Test
    void an_invented_contract_is_rejected_and_nothing_is_taken() {
        // the fault of issue 16: an invented 16-digit number claiming 30,000,000 CNY was approved for 700,000 CNY and paid
        String uscc = CapsAndReviewsTest.uscc();
        String number = registrationNumber();
        Document d = apply(uscc, number);
        assertEquals("REJECTED", d.getString("outcome"), "经认定登记的技术合同: an unregistered contract earns nothing");
        assertEquals(0L, d.get("amountFen", Number.class).longValue());
        Document registered = CapsAndReviewsTest.criterion(d, "contractRegistered");
        assertFalse(registered.getBoolean("passed"));
        assertTrue(registered.getString("en").contains("not in the technology-contract registry"), registered.toJson());
        assertTrue(registered.getString("zh").contains("经认定登记"), registered.toJson());
        nothingTaken(uscc, number);
    }

    @Test
    void a_cancelled_contract_or_someone_elses_is_rejected() {
        String seller = CapsAndReviewsTest.uscc();
        String buyer = CapsAndReviewsTest.uscc();
        String cancelled = registrationNumber();
        registryHolds(cancelled, "CANCELLED", seller, buyer, 210_000_000L, "2026-04-01");
        Document d = apply(seller, cancelled);
        assertEquals("REJECTED", d.getString("outcome"));
        Document c = CapsAndReviewsTest.criterion(d, "contractRegistered");
        assertFalse(c.getBoolean("passed"));
        assertTrue(c.getString("en").contains("cancelled"), c.toJson());
        nothingTaken(seller, cancelled);

        // the buyer applies for the seller's contract: the rewarded party (placeholder: the seller) is someone else
        String other = registrationNumber();
        registryHolds(other, "REGISTERED", seller, buyer, 210_000_000L, "2026-04-01");
        Document byBuyer = apply(buyer, other);
        assertEquals("REJECTED", byBuyer.getString("outcome"));
        Document party = CapsAndReviewsTest.criterion(byBuyer, "rewardedParty");
        assertFalse(party.getBoolean("passed"));
        assertTrue(party.getString("en").contains("not the contract's seller"), party.toJson());
        nothingTaken(buyer, other);
    }

    @Test
    void the_registrys_amount_and_date_are_used_not_the_claimed_ones() {
        String seller = CapsAndReviewsTest.uscc();
        String number = registrationNumber();
        // the registry: 2,100,000 CNY technical transaction amount, registered 2025-11-20 (the claim: 30,000,000 CNY, 2026-05-02)
        registryHolds(number, "REGISTERED", seller, CapsAndReviewsTest.uscc(), 210_000_000L, "2025-11-20");
        Document d = apply(seller, number);
        assertEquals("APPROVED", d.getString("outcome"));
        // B3b placeholder brackets: 3% of 2,100,000 CNY = 63,000 CNY (on the claim it would be 700,000 CNY)
        assertEquals(6_300_000L, d.get("amountFen", Number.class).longValue());
        Document inputs = d.get("inputs", Document.class);
        assertEquals(210_000_000L, inputs.get("technicalTransactionAmountFen", Number.class).longValue(),
                "the stored inputs hold the registry's amount the rule used");
        assertEquals("2025-11-20", inputs.getString("registeredOn"));
        assertEquals(2025, d.getInteger("capYear"), "cap year = the registry's registration year");
        Document values = CapsAndReviewsTest.criterion(d, "registryValues");
        assertTrue(values.getBoolean("passed"));
        assertTrue(values.getString("en").contains("30,000,000.00") && values.getString("en").contains("2,100,000.00"),
                "the decision says the claim differed and which value was used: " + values.toJson());
        assertTrue(CapsAndReviewsTest.criterion(d, "contractRegistered").getBoolean("passed"));
        assertEquals(6_300_000L, ledgers.ledger("CAP|B3b|" + seller + "|2025").orElseThrow().get("usedFen", Number.class)
                .longValue());
        // issue 16 item 7: the amount in words with the registry's numbers, never the CEL, and the placeholder said
        // (the source gives only 单家企业每年最高100万元; the brackets are placeholders)
        for (String text : List.of(d.getString("explanationEn"), d.getString("explanationZh"),
                d.get("notice", Document.class).getString("en"), d.get("notice", Document.class).getString("zh"))) {
            assertFalse(org.susong.eligibility.domain.ExplanationWordsTest.CEL.matcher(text).find(), text);
        }
        assertTrue(d.getString("explanationEn").contains("3% of the technical transaction amount of 2,100,000.00 CNY")
                && d.getString("explanationEn").contains("= 63,000.00 CNY")
                && d.getString("explanationEn").contains("Amount from placeholder percentage brackets pending the implementing rules"),
                d.getString("explanationEn"));
        assertTrue(d.getString("explanationZh").contains("金额按暂定比例档次计算，待实施细则公布"), d.getString("explanationZh"));
    }

    @Inject
    AppealService appeals;

    /**
     * No order across topics: an application can be decided before the contract's registration reaches this
     * projection. It is rejected ("not in the registry"); its appeal is decided again against the registry
     * as it is then, so a registration that arrived meanwhile is honoured - an invented one never.
     */
    @Test
    void an_application_decided_before_the_registration_arrived_is_approved_on_appeal() {
        String seller = CapsAndReviewsTest.uscc();
        String number = registrationNumber();
        Document first = apply(seller, number);
        assertEquals("REJECTED", first.getString("outcome"));
        registryHolds(number, "REGISTERED", seller, CapsAndReviewsTest.uscc(), 210_000_000L, "2026-04-01");
        appeals.appealed(new AppealService.Appeal(java.util.UUID.randomUUID().toString(), "hash-appeal",
                first.getString("applicationId"), first.getString("_id"), "the contract is registered"));
        // the appeal waits for an officer, with the rule's amount on the registry's values proposed
        Document queued = repository.findLatest(first.getString("applicationId")).orElseThrow();
        assertEquals("REVIEW_REQUIRED", queued.getString("outcome"));
        assertEquals(6_300_000L, queued.get("proposedFen", Number.class).longValue());
        assertTrue(CapsAndReviewsTest.criterion(queued, "contractRegistered").getBoolean("passed"));
        decideAppeal(queued.getString("_id"), "APPROVED", "the contract is registered now");
        Document again = repository.findLatest(first.getString("applicationId")).orElseThrow();
        assertEquals(first.getString("_id"), again.getString("supersedes"));
        assertEquals("APPROVED", again.getString("outcome"));
        assertEquals(6_300_000L, again.get("amountFen", Number.class).longValue(), "on the registry's 2,100,000 CNY");
        assertEquals(210_000_000L, again.get("inputs", Document.class).get("technicalTransactionAmountFen", Number.class)
                .longValue());
    }

    /** An officer of Huli weighs the appeal (issue 20 item 4): UPHELD, or APPROVED at the proposed amount. */
    static void decideAppeal(String decisionId, String outcome, String reason) {
        io.restassured.RestAssured.given().header("X-User", "hl-1").header("X-Roles", "officer").header("X-District", "HULI")
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("outcome", outcome, "reason", reason))
                .post("/reviews/" + decisionId + "/decision").then().statusCode(200);
    }

    @Test
    void an_appeal_of_an_invented_contract_is_rejected_again() {
        String uscc = CapsAndReviewsTest.uscc();
        String number = registrationNumber();
        Document first = apply(uscc, number);
        appeals.appealed(new AppealService.Appeal(java.util.UUID.randomUUID().toString(), "hash-appeal",
                first.getString("applicationId"), first.getString("_id"), "please"));
        Document queued = repository.findLatest(first.getString("applicationId")).orElseThrow();
        assertFalse(CapsAndReviewsTest.criterion(queued, "contractRegistered").getBoolean("passed"), queued.toJson());
        decideAppeal(queued.getString("_id"), "UPHELD", "still not in the registry");
        Document again = repository.findLatest(first.getString("applicationId")).orElseThrow();
        assertEquals(first.getString("_id"), again.getString("supersedes"));
        assertEquals("REJECTED", again.getString("outcome"), "经认定登记的技术合同: the appeal re-checks the registry");
        assertFalse(CapsAndReviewsTest.criterion(again, "contractRegistered").getBoolean("passed"));
        nothingTaken(uscc, number);
    }
}
