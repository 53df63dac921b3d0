package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Issue 20 item 6: which orders follow a moving applicant, and whose name an instruction's creditor carries. */
class ApplicantChangeRulesTest {

    static final Instant SNAPSHOT = Instant.parse("2026-06-15T02:00:01Z");
    static final Payee OLD = new Payee("Xiamen Old Co.", "6222020200112233445", "102393000019", "ICBC", SNAPSHOT);

    @Test
    void a_rename_after_the_snapshot_names_the_creditor_and_keeps_the_account() {
        Payee named = OLD.registeredAs(new ApplicantName("U", "Xiamen New Co.", "ARC-1", SNAPSHOT.plusSeconds(60)));
        assertEquals(new Payee("Xiamen New Co.", OLD.accountNumber(), OLD.bankCode(), OLD.bankName(), SNAPSHOT), named);
    }

    @Test
    void a_snapshot_taken_after_the_rename_or_without_one_is_used_as_it_is() {
        assertSame(OLD, OLD.registeredAs(null));
        assertSame(OLD, OLD.registeredAs(new ApplicantName("U", "Xiamen Older Co.", "ARC-0", SNAPSHOT.minusSeconds(60))));
        assertSame(OLD, OLD.registeredAs(new ApplicantName("U", "Xiamen Older Co.", "ARC-0", SNAPSHOT)));
    }

    @Test
    void only_orders_whose_money_has_not_been_booked_released_or_converted_follow_the_applicant() {
        assertEquals(EnumSet.of(OrderState.RESERVING, OrderState.WAITLISTED, OrderState.IN_NOTICE,
                OrderState.AWAITING_APPROVAL, OrderState.ON_HOLD, OrderState.APPROVED, OrderState.AWAITING_PAYEE,
                OrderState.BATCHED, OrderState.INSTRUCTED, OrderState.CONVERTING), OrderState.FOLLOWS_APPLICANT);
        assertEquals(true, OrderState.FOLLOWS_APPLICANT.containsAll(OrderState.RELEASABLE),
                "every order an officer can still hold or release follows");
    }
}
