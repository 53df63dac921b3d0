package org.susong.payments.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.money.Money;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.RecoveryService;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.Recovery;
import org.susong.payments.persistence.RecoveryRepository;

/**
 * Issue 20 item 3: which of a beneficiary's debts a payment's offset recovers, by the documented rule (the recovery this
 * order claimed already; then the same measure as the payment before any other; within each, the oldest debt first, ties
 * by recovery id), whatever order the recoveries were stored in.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(ContractValidation.class)
class OffsetRuleTest {

    @Inject
    RecoveryService service;
    @Inject
    RecoveryRepository recoveries;
    @Inject
    MongoClient mongo;

    /** An OPEN recovery of this beneficiary on this line, recorded at {@code at}, with {@code fen} unclaimed. */
    String openRecovery(String uscc, String id, String line, long fen, String at) {
        recoveries.insert(new Recovery(id, "RV-" + id, "D-" + id, "APP-" + id, uscc, "PO-D-" + id, line, fen, 0, 0, org.susong.payments.domain.RecoveryState.WAITING,
                "revoked", null, List.of(), UUID.randomUUID().toString(), "h-" + id, 0, null, null), Instant.parse(at));
        // opened without moving a line: no journal entry, no counter (this test looks only at the choice of the debt)
        mongo.getDatabase("payments").getCollection("recoveries").updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", "OPEN"), Updates.set("unclaimedFen", fen)));
        return id;
    }

    static PaymentOrder payment(String uscc, String measure, long fen) {
        String app = Fixtures.app("APP-OFR");
        return PaymentOrder.open("D-" + app, app, uscc, measure, 2026, "HULI", Money.ofFen(fen));
    }

    @Test
    void an_offset_recovers_the_same_measures_debts_first_then_the_others_each_oldest_first() {
        String uscc = "9135" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        String tag = uscc.substring(4, 10);
        // stored in an order that is none of the rule's: another measure's oldest first, then the payment measure's newest
        String otherOld = openRecovery(uscc, "RC-Z-" + tag + "-1", "2025:B2", 300, "2026-01-05T00:00:00Z");
        String sameNew = openRecovery(uscc, "RC-A-" + tag + "-2", "2025:B1", 300, "2026-03-01T00:00:00Z");
        String otherNew = openRecovery(uscc, "RC-A-" + tag + "-3", "2026:A4", 300, "2026-02-01T00:00:00Z");
        String sameOld = openRecovery(uscc, "RC-Z-" + tag + "-4", "2024:B1", 300, "2026-02-01T00:00:00Z");
        String sameOldTie = openRecovery(uscc, "RC-Y-" + tag + "-5", "2026:B1", 300, "2026-02-01T00:00:00Z");

        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecoveryService.Offset offset = service.claimOffset(payment(uscc, "B1", 1_000));
            chosen.add(offset.recoveryId());
            assertEquals(300, offset.fen(), "at most what the debt has unclaimed");
        }
        assertEquals(List.of(sameOldTie, sameOld, sameNew, otherOld, otherNew), chosen,
                "B1 first (oldest first, a tie by id), then the other measures oldest first");
        assertEquals(null, service.claimOffset(payment(uscc, "B1", 1_000)), "nothing left to offset");

        // a retried batching of an order takes the claim it holds again, not the rule's first debt
        String uscc2 = "9135" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        String tag2 = uscc2.substring(4, 10);
        String b2 = openRecovery(uscc2, "RC-Z-" + tag2 + "-1", "2025:B2", 500, "2026-01-05T00:00:00Z");
        PaymentOrder first = payment(uscc2, "B1", 200);
        assertEquals(b2, service.claimOffset(first).recoveryId());
        String b1 = openRecovery(uscc2, "RC-Z-" + tag2 + "-2", "2025:B1", 500, "2026-01-01T00:00:00Z");
        assertEquals(b2, service.claimOffset(first).recoveryId(), "the same claim again");
        assertEquals(200, recoveries.find(b2).orElseThrow().amountFen() - recoveries.find(b2).orElseThrow().unclaimedFen(),
                "claimed once");
        assertEquals(b1, service.claimOffset(payment(uscc2, "B1", 200)).recoveryId(), "a new payment: its measure first");
    }
}
