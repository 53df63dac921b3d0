package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.TransientFailure;
import org.susong.testing.LocalInfraTestResource;

/**
 * A B3b decision (经认定登记的技术合同; 3% of the technical transaction amount up to 10,000,000 CNY, placeholder
 * brackets; cap 1,000,000 CNY per enterprise per year; one reward per contract) retried after a transient failure
 * between its ledger writes and its decision insert, while the contract changed in the registry. The cap and claim
 * shares the first attempt took under the decision id stay on the ledger; the retry must state them (decided on the
 * registry as the first attempt read it), so that the decision's release gives every one of them back. Before: a
 * cancellation in between made the retry REJECTED with no shares while 63,000 CNY of the cap and the contract's claim
 * stayed held by nobody's decision; a lowering amendment made it approve the earlier grant on the lower inputs.
 * Business date 2026-06-15 (%test).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class RegistryRetryTest extends DecisionStores {

    @Inject
    ReleaseService releases;

    long used(String key) {
        return ledgers.ledger(key).map(l -> l.get("usedFen", Number.class).longValue()).orElse(0L);
    }

    Map<?, ?> claimHolders(String number) {
        return ledgers.ledger("CLAIM|B3b|" + number).map(l -> (Map<?, ?>) l.get("consumers", Document.class)).orElse(Map.of());
    }

    /** Decides once with a transient failure after the ledger, runs {@code meanwhile}, then decides the redelivery. */
    Document decideRetried(DecisionService.Submission s, Runnable meanwhile) {
        AtomicBoolean failed = new AtomicBoolean();
        decisions.crashPoint(step -> {
            if ("single-limited".equals(step) && failed.compareAndSet(false, true)) {
                throw new TransientFailure("the store went away between the ledger and the decision insert (test)");
            }
        });
        try {
            assertThrows(TransientFailure.class, () -> decisions.decide(s));
        } finally {
            decisions.crashPoint(step -> { });
        }
        assertTrue(repository.findLatest(s.applicationId()).isEmpty(), "nothing decided yet");
        meanwhile.run();
        decisions.decide(s);
        return repository.findLatest(s.applicationId()).orElseThrow();
    }

    static long granted(Document decision, String key) {
        return decision.getList("capShares", Document.class, List.of()).stream()
                .filter(sh -> key.equals(sh.getString("ledgerKey"))).mapToLong(sh -> sh.get("grantedFen", Number.class)
                        .longValue()).sum();
    }

    /** The decision states exactly what the ledger holds for it, and its release gives all of it back. */
    void everyShareHeldIsStatedAndGivenBack(Document d, String capKey, String number) {
        String id = d.getString("_id");
        assertEquals(used(capKey), granted(d, capKey), "B3b annual cap: the ledger holds what the decision states: "
                + d.toJson());
        assertEquals(claimHolders(number).containsKey(id), d.getList("capShares", Document.class, List.of()).stream()
                .anyMatch(sh -> ("CLAIM|B3b|" + number).equals(sh.getString("ledgerKey"))),
                "the contract's claim is held by the decision only if the decision states it: " + d.toJson());
        // payments releases the decision's budget (e.g. the order is cancelled): every share goes back
        releases.released(id, "CANCELLED", UUID.randomUUID().toString());
        assertEquals(0L, used(capKey), "the release gives the whole cap share back");
        assertTrue(!claimHolders(number).containsKey(id), "the release gives the contract's claim back");
    }

    DecisionService.Submission application(String seller, String number) {
        String app = CapsAndReviewsTest.app("B3B-RETRY");
        return CapsAndReviewsTest.submission(app, seller, "B3b", "HULI", Map.of("contractRegistrationNumber", number,
                "technicalTransactionAmountFen", 210_000_000L, "registeredOn", "2026-04-01"));
    }

    @Test
    void a_retry_after_the_contract_was_cancelled_meanwhile_keeps_no_share_unstated() {
        String seller = CapsAndReviewsTest.uscc();
        String number = ContractRegistryTest.registrationNumber();
        RegisteredContracts.register(number, seller, 210_000_000L, "2026-04-01");
        Document d = decideRetried(application(seller, number), () -> ContractEvents.deliver(ContractEvents.CANCELLED,
                ContractEvents.cancellation("TC-" + number, number, seller)));
        everyShareHeldIsStatedAndGivenBack(d, "CAP|B3b|" + seller + "|2026", number);
    }

    @Test
    void a_retry_after_a_lowering_amendment_meanwhile_is_decided_on_what_the_first_attempt_took() {
        String seller = CapsAndReviewsTest.uscc();
        String number = ContractRegistryTest.registrationNumber();
        RegisteredContracts.register(number, seller, 210_000_000L, "2026-04-01");
        // amendment 1: technical transaction amount 2,100,000 -> 1,000,000 CNY
        Document d = decideRetried(application(seller, number), () -> ContractEvents.deliver(ContractEvents.AMENDED,
                ContractEvents.amendment("TC-" + number, number, seller, 210_000_000L, 100_000_000L)));
        String capKey = "CAP|B3b|" + seller + "|2026";
        // the first attempt took 3% of 2,100,000 CNY = 63,000 CNY; the decision states the registry values it was taken on
        long amount = d.get("amountFen", Number.class).longValue();
        long inputs = d.get("inputs", Document.class).get("technicalTransactionAmountFen", Number.class).longValue();
        assertEquals(amount, inputs * 3 / 100, "the amount granted is B3b's 3% of the inputs the decision states: "
                + d.toJson());
        assertEquals(amount, d.get("proposedFen", Number.class).longValue(), "granted in full, nothing cut: " + d.toJson());
        everyShareHeldIsStatedAndGivenBack(d, capKey, number);
    }
}
