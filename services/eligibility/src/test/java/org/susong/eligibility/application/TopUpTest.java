package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 20 item 8: an upward amendment of a registered contract tops the automatic B3b award up - a new proposal
 * (seq n+1) for the difference between what the amended amount is due and what the earlier proposals hold, within
 * the B3b annual cap (1,000,000 CNY per enterprise per year; placeholder brackets 3% up to 10,000,000 CNY, 2% above),
 * taken intent first under the new proposal id, once per amendment event. The events go through the contract
 * consumer's handlers, as the live and the replay channel deliver them. Business date 2026-06-15 (%test).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class TopUpTest extends ContractAwards {

    /** A contract of a fresh seller (ContractEventOrderTest's), registered with {@code technicalFen}. */
    static ContractEventOrderTest.Contract registered(long technicalFen) {
        ContractEventOrderTest.Contract c = ContractEventOrderTest.Contract.fresh();
        ContractEvents.deliver(ContractEvents.REGISTERED, ContractEvents.registration(c.contractId(), c.number(), c.seller(),
                technicalFen));
        return c;
    }

    /** Amendment {@code n} of the contract, delivered under {@code eventId} (the same id again is a redelivery). */
    static void amend(ContractEventOrderTest.Contract c, String eventId, int n, long beforeFen, long afterFen) {
        ContractEvents.deliver(ContractEvents.AMENDED, ContractEvents.amendment(c.contractId(), c.number(), c.seller(), n,
                beforeFen, afterFen), eventId);
    }

    long used(String key) {
        return ledgers.ledger(key).map(l -> l.get("usedFen", Number.class).longValue()).orElse(0L);
    }

    Document proposals(ContractEventOrderTest.Contract c) {
        return awards.find(c.contractId()).orElseThrow().get("proposals", Document.class);
    }

    static long held(Document p) {
        return p.get("amountFen", Number.class).longValue() - p.get("revokedFen", Number.class).longValue();
    }

    /** How many events the award has put in its outbox so far (one AwardProposed per payable proposal, no revocation here). */
    long eventsWritten(ContractEventOrderTest.Contract c) {
        return awards.find(c.contractId()).orElseThrow().get("eventSeq", Number.class).longValue();
    }

    @Test
    void an_upward_amendment_proposes_the_difference_as_a_new_proposal_which_is_decided_like_the_first() {
        ContractEventOrderTest.Contract c = registered(210_000_000L);
        assertEquals(6_300_000L, held(proposals(c).get("1", Document.class)), "3% of 2,100,000 CNY");
        amend(c, UUID.randomUUID().toString(), 1, 210_000_000L, 300_000_000L);

        Document top = proposals(c).get("2", Document.class);
        assertEquals("AP-" + c.contractId() + "-2", top.getString("proposalId"), proposals(c).toJson());
        // 3% of 3,000,000 CNY = 90,000 CNY due; 63,000 CNY proposed: the top-up is 27,000 CNY
        assertEquals(2_700_000L, top.get("amountFen", Number.class).longValue());
        assertEquals("PROPOSED", top.getString("state"));
        assertEquals(300_000_000L, top.get("basisFen", Number.class).longValue());
        assertEquals(6_300_000L, held(proposals(c).get("1", Document.class)), "the first proposal is unchanged");
        assertEquals(9_000_000L, used(c.capKey()), "the cap holds both proposals");
        assertEquals(2, eventsWritten(c), "AwardProposed for the first proposal and for the top-up");

        // the system-initiated application of the top-up finalises it with its own amount, not capped again
        String app = CapsAndReviewsTest.app("B3B-TOP");
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + app, app, c.seller(), "B3b",
                "HULI", Map.of("proposalId", "AP-" + c.contractId() + "-2"), "AP-" + c.contractId() + "-2"));
        Document d = repository.findLatest(app).orElseThrow();
        assertEquals("APPROVED", d.getString("outcome"), d.toJson());
        assertEquals(2_700_000L, d.get("amountFen", Number.class).longValue());
        assertEquals(9_000_000L, used(c.capKey()), "finalising the top-up does not take the cap a second time");
        assertEquals("FINALISED", proposals(c).get("2", Document.class).getString("state"));
    }

    @Test
    void a_top_up_beyond_the_remaining_cap_is_limited_to_it() {
        // 40,000,000 CNY: 3% of 10,000,000 + 2% of 30,000,000 = 900,000 CNY, 100,000 CNY left of the 1,000,000 CNY cap
        ContractEventOrderTest.Contract c = registered(4_000_000_000L);
        assertEquals(90_000_000L, used(c.capKey()));
        // 60,000,000 CNY: 1,300,000 CNY due, 400,000 CNY asked, 100,000 CNY left
        amend(c, UUID.randomUUID().toString(), 1, 4_000_000_000L, 6_000_000_000L);
        Document top = proposals(c).get("2", Document.class);
        assertEquals(10_000_000L, top.get("amountFen", Number.class).longValue(), top.toJson());
        assertEquals(40_000_000L, top.get("computedFen", Number.class).longValue(), "what was asked");
        assertEquals(100_000_000L, used(c.capKey()), "the cap is full, never over");
        String why = top.getList("criteria", Document.class).stream().filter(k -> "topUp".equals(k.getString("name")))
                .findFirst().orElseThrow().getString("en");
        assertTrue(why.contains("limited to") && why.contains("annual cap"), why);

        // the cap full: a further upward amendment proposes nothing payable
        amend(c, UUID.randomUUID().toString(), 2, 6_000_000_000L, 7_000_000_000L);
        Document none = proposals(c).get("3", Document.class);
        assertEquals(0L, none.get("amountFen", Number.class).longValue(), none.toJson());
        assertEquals("CAP_EXHAUSTED", none.getString("state"));
        assertEquals(2, eventsWritten(c), "nothing to pay, nothing announced");
        assertEquals(100_000_000L, used(c.capKey()));
    }

    @Test
    void a_redelivered_amendment_tops_up_once_also_after_a_crash_between_the_ledger_and_the_award() {
        ContractEventOrderTest.Contract c = registered(210_000_000L);
        String eventId = UUID.randomUUID().toString();
        awardService.crashPoint(step -> {
            if ("top-up-limited".equals(step)) {
                throw new IllegalStateException("crash after the cap was taken, before the award write");
            }
        });
        try {
            assertThrows(IllegalStateException.class, () -> amend(c, eventId, 1, 210_000_000L, 300_000_000L));
        } finally {
            awardService.crashPoint(step -> { });
        }
        assertNull(proposals(c).get("2"), "the crash left no proposal");
        assertEquals(9_000_000L, used(c.capKey()), "the cap was taken intent first");

        amend(c, eventId, 1, 210_000_000L, 300_000_000L);
        amend(c, eventId, 1, 210_000_000L, 300_000_000L);
        assertEquals(2, proposals(c).size(), "one top-up: " + proposals(c).toJson());
        assertEquals(2_700_000L, proposals(c).get("2", Document.class).get("amountFen", Number.class).longValue());
        assertEquals(9_000_000L, used(c.capKey()), "the cap counted once");
        assertEquals(2, eventsWritten(c), "one AwardProposed for the top-up");
    }

    @Test
    void a_lower_then_an_upward_amendment_withdraws_then_tops_up_and_a_later_lowering_takes_the_top_up_back_first() {
        ContractEventOrderTest.Contract c = registered(210_000_000L);
        amend(c, UUID.randomUUID().toString(), 1, 210_000_000L, 100_000_000L);
        assertEquals(3_000_000L, held(proposals(c).get("1", Document.class)), "3% of 1,000,000 CNY still due");
        assertEquals(3_000_000L, used(c.capKey()));

        amend(c, UUID.randomUUID().toString(), 2, 100_000_000L, 300_000_000L);
        Document top = proposals(c).get("2", Document.class);
        // 90,000 CNY due on 3,000,000 CNY, 30,000 CNY held: the top-up is 60,000 CNY
        assertEquals(6_000_000L, top.get("amountFen", Number.class).longValue(), proposals(c).toJson());
        assertEquals(9_000_000L, used(c.capKey()));

        // down to 1,500,000 CNY: 45,000 CNY due of 90,000 held - the top-up gives back 45,000, the first keeps 30,000
        amend(c, UUID.randomUUID().toString(), 3, 300_000_000L, 150_000_000L);
        assertEquals(3_000_000L, held(proposals(c).get("1", Document.class)), proposals(c).toJson());
        assertEquals(1_500_000L, held(proposals(c).get("2", Document.class)));
        assertEquals(4_500_000L, used(c.capKey()));

        ContractEvents.deliver(ContractEvents.CANCELLED, ContractEvents.cancellation(c.contractId(), c.number(), c.seller()));
        assertEquals(0L, held(proposals(c).get("1", Document.class)));
        assertEquals(0L, held(proposals(c).get("2", Document.class)));
        assertEquals(0L, used(c.capKey()), "every share given back");
        amend(c, UUID.randomUUID().toString(), 4, 150_000_000L, 400_000_000L);
        assertEquals(2, proposals(c).size(), "a cancelled contract is not topped up");
        assertEquals(0L, used(c.capKey()));
    }
}
