package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.susong.eligibility.application.CapsAndReviewsTest.app;
import static org.susong.eligibility.application.CapsAndReviewsTest.submission;
import static org.susong.eligibility.application.CapsAndReviewsTest.uscc;

import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * Ledger faults of issue 12 (items 6 and 7), decided and revised by direct calls on the real store.
 * Business date 2026-06-15 (%test).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class LedgerFaultsTest extends DecisionStores {

    @Inject
    AwardService awards;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    long amount(String applicationId) {
        return repository.findLatest(applicationId).orElseThrow().get("amountFen", Number.class).longValue();
    }

    String outcome(String applicationId) {
        return repository.findLatest(applicationId).orElseThrow().getString("outcome");
    }

    String b3a(String uscc, String project, long investmentFen) {
        String id = app("B3A");
        decisions.decide(submission(id, uscc, "B3a", "HAICANG", Map.of("projectNumber", project, "projectName", "x",
                "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", investmentFen)));
        return id;
    }

    String b2(String uscc, long nationalFundingFen) {
        String id = app("B2");
        decisions.decide(submission(id, uscc, "B2", "HAICANG", Map.of("projectNumber", "Q-" + id, "programme",
                "NATIONAL_KEY_RD", "nationalFundingFen", nationalFundingFen)));
        return id;
    }

    @Test
    void the_exclusion_group_holds_only_what_the_cap_granted_so_a_later_b2_award_is_not_cut_by_a_phantom_share() {
        // B3a cap 20,000,000 CNY per project: four other enterprises take it all (4 x 10% of 50,000,000 CNY)
        String spent = "2024YFC" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 4; i++) {
            b3a(uscc(), spent, 5_000_000_000L);
        }
        String nothing = uscc();
        String refused = b3a(nothing, spent, 3_000_000_000L);
        assertEquals("REJECTED", outcome(refused), "the project cap is used up: nothing granted");
        // B2, same exclusion group NATIONAL_PROJECT: half of 2,000,000 CNY = 1,000,000 CNY; no other award was granted
        String full = b2(nothing, 200_000_000L);
        assertEquals("APPROVED", outcome(full), "a B3a award of nothing must not exclude B2");
        assertEquals(100_000_000L, amount(full));

        // the cap grants part: 19,000,000 CNY used (3 x 5,000,000 + 4,000,000), so 1,000,000 of 3,000,000 CNY granted
        String partly = "2024YFD" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            b3a(uscc(), partly, 5_000_000_000L);
        }
        b3a(uscc(), partly, 4_000_000_000L);
        String part = uscc();
        assertEquals(100_000_000L, amount(b3a(part, partly, 3_000_000_000L)));
        // B2: half of 5,000,000 CNY = 2,500,000 CNY; the higher award applies, topping up the 1,000,000 CNY granted
        assertEquals(150_000_000L, amount(b2(part, 500_000_000L)),
                "top-up over the 1,000,000 CNY granted, not over the 3,000,000 CNY requested");
    }

    @Test
    void a_withdrawn_b3b_proposal_gives_its_cap_share_back_when_the_cancellation_is_retried() {
        String contractId = "TC-W" + UUID.randomUUID().toString().substring(0, 12);
        String seller = uscc();
        // 3% of 2,100,000 CNY = 63,000 CNY proposed (not finalised), B3b annual cap consumed at proposal time
        awards.registered(new AwardService.Contract(UUID.randomUUID().toString(), contractId,
                "20263502" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000)), seller, "Seller Co.", null, "Buyer", "HULI", "2026-05-02",
                210_000_000L));
        String capKey = "CAP|B3b|" + seller + "|2026";
        assertEquals(6_300_000L, used(capKey));

        // the store fails between the award write and the cap release (here: the ledger cannot be found)
        var capLedgers = mongo.getDatabase(database).getCollection("cap_ledgers");
        Document ledger = capLedgers.find(new Document("_id", capKey)).first();
        capLedgers.deleteOne(new Document("_id", capKey));
        String cancellation = UUID.randomUUID().toString();
        assertThrows(RuntimeException.class, () -> awards.cancelled(cancellation, contractId, "withdrawn by the parties"));
        capLedgers.insertOne(ledger);

        // the redelivered cancellation finishes the release
        awards.cancelled(cancellation, contractId, "withdrawn by the parties");
        assertEquals(0L, used(capKey), "B3b: the withdrawn proposal's 63,000 CNY go back to the annual cap");
        awards.cancelled(cancellation, contractId, "withdrawn by the parties");
        assertEquals(0L, used(capKey), "once only");
    }

    long used(String key) {
        return ledgers.ledger(key).orElseThrow().get("usedFen", Number.class).longValue();
    }
}
