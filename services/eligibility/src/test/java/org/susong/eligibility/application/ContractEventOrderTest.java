package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 15 item 4 (replay onto eligibility's own {@code eligibility.replay}): a contract's events can reach eligibility out
 * of their order on {@code tech-contracts.events} - the registration dead-lettered, the cancellation or a lowering
 * amendment consumed live, the registration replayed later (commons ReplayConsumer hands it to the same handlers).
 * B3b (经认定登记的技术合同, 3% of the technical transaction amount up to 10,000,000 CNY, placeholder brackets; cap
 * 1,000,000 CNY per enterprise per year): the replayed registration must not reward a cancelled contract, nor reward
 * it on the amount before a lowering amendment. The events go through {@link ContractEventsConsumer}'s handlers, as
 * both channels deliver them. Business date 2026-06-15 (%test).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ContractEventOrderTest extends ContractAwards {

    /** One contract of a fresh seller: technical transaction amount 2,100,000 CNY, registered 2026-05-02. */
    record Contract(String contractId, String number, String seller) {
        static Contract fresh() {
            return new Contract("TC-O" + UUID.randomUUID().toString().substring(0, 12),
                    "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)),
                    CapsAndReviewsTest.uscc());
        }

        String capKey() {
            return "CAP|B3b|" + seller + "|2026";
        }
    }

    long used(String key) {
        return ledgers.ledger(key).map(l -> l.get("usedFen", Number.class).longValue()).orElse(0L);
    }

    Document proposal(Contract c) {
        Document award = awards.find(c.contractId()).orElseThrow(() -> new AssertionError("no award for " + c.contractId()));
        Document proposals = award.get("proposals", Document.class);
        return proposals == null ? null : proposals.get("1", Document.class);
    }

    @Test
    void a_registration_replayed_after_the_cancellation_rewards_nothing() {
        Contract c = Contract.fresh();
        // the registration sat in eligibility.dlq while the cancellation was consumed live
        ContractEvents.deliver(ContractEvents.CANCELLED, ContractEvents.cancellation(c.contractId(), c.number(), c.seller()));
        // ./platform replay eligibility.dlq: the registration comes back through the replay channel
        ContractEvents.deliver(ContractEvents.REGISTERED, ContractEvents.registration(c.contractId(), c.number(), c.seller(),
                210_000_000L));

        Document award = awards.find(c.contractId()).orElseThrow();
        Document p = proposal(c);
        assertTrue(p == null || p.get("amountFen", Number.class).longValue() - p.get("revokedFen", Number.class).longValue() == 0,
                "经认定登记: a cancelled registration is not rewarded (no B3b award is proposed, so none is paid): "
                        + award.toJson());
        assertEquals(0L, used(c.capKey()), "B3b annual cap: nothing is held for a cancelled contract");
        assertTrue(ledgers.ledger("CLAIM|B3b|" + c.number()).map(l -> l.get("consumers", Document.class).isEmpty())
                .orElse(true), "the once-per-contract claim is not held either");
    }

    @Test
    void a_registration_replayed_after_a_lowering_amendment_is_rewarded_on_the_amended_amount() {
        Contract c = Contract.fresh();
        // amendment 1 lowers the technical transaction amount 2,100,000 -> 1,000,000 CNY, consumed before the registration
        ContractEvents.deliver(ContractEvents.AMENDED, ContractEvents.amendment(c.contractId(), c.number(), c.seller(),
                210_000_000L, 100_000_000L));
        ContractEvents.deliver(ContractEvents.REGISTERED, ContractEvents.registration(c.contractId(), c.number(), c.seller(),
                210_000_000L));

        Document p = proposal(c);
        long due = p.get("amountFen", Number.class).longValue() - p.get("revokedFen", Number.class).longValue();
        // B3b placeholder brackets: 3% of 1,000,000 CNY = 30,000 CNY (on the amount before the amendment: 63,000 CNY)
        assertEquals(3_000_000L, due, "the award is due on the amended amount: " + p.toJson());
        assertEquals(3_000_000L, used(c.capKey()), "the annual cap holds what is due, not the pre-amendment 63,000 CNY");

        // the projection kept the amendment it received before the registration: an application sees 1,000,000 CNY
        String app = CapsAndReviewsTest.app("B3B-ORD");
        decisions.decide(CapsAndReviewsTest.submission(app, c.seller(), "B3b", "HULI", Map.of("contractRegistrationNumber",
                c.number(), "technicalTransactionAmountFen", 210_000_000L, "registeredOn", "2026-05-02")));
        Document d = repository.findLatest(app).orElseThrow();
        assertEquals(100_000_000L, d.get("inputs", Document.class).get("technicalTransactionAmountFen", Number.class)
                .longValue(), "the registry's amount after amendment 1: " + d.toJson());
    }

    /**
     * The two channels race: the replayed registration read the registry before the live cancellation was projected,
     * and the cancellation looked for an award before the registration wrote it. Each side writes before it reads
     * the other, so the registration sees the cancellation after its own award write and withdraws the proposal.
     */
    @Test
    void a_cancellation_racing_the_replayed_registration_still_withdraws_its_award() {
        Contract c = Contract.fresh();
        ObjectNode cancellation = ContractEvents.cancellation(c.contractId(), c.number(), c.seller());
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        awardService.crashPoint(step -> {
            if ("award-limited".equals(step) && once.compareAndSet(false, true)) {
                // between the registration's registry read (and cap) and its award insert: the live channel cancels
                ContractEvents.deliver(ContractEvents.CANCELLED, cancellation);
            }
        });
        try {
            ContractEvents.deliver(ContractEvents.REGISTERED, ContractEvents.registration(c.contractId(), c.number(), c.seller(),
                210_000_000L));
        } finally {
            awardService.crashPoint(step -> { });
        }
        assertTrue(once.get(), "the cancellation ran in between");
        Document p = proposal(c);
        assertTrue(p == null || p.get("amountFen", Number.class).longValue() - p.get("revokedFen", Number.class).longValue() == 0,
                "the proposal of a cancelled contract is withdrawn: " + (p == null ? null : p.toJson()));
        assertEquals(0L, used(c.capKey()), "its cap share is given back");
    }
}
