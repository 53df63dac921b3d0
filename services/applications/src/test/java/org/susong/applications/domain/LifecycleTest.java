package org.susong.applications.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.District;

/** Every transition of the application lifecycle, the illegal ones, and facts in any order. */
class LifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-29T01:00:00Z");
    private static final String D0 = "D-APP-1";
    private static final String D1 = "D-APP-1-R1";
    private static int seq;

    private static Application submitted() {
        return Application.submit("APP-1", "91350100M000100Y43", "B1", District.HULI, "2026", Map.of("category", "X"),
                List.of(), T0, "u;applicant;;91350100M000100Y43", "request:1", null).application();
    }

    private static Fact fact(String kind, ApplicationStatus status, int minute, String decisionId) {
        return new Fact("e" + (++seq), kind, status, T0.plusSeconds(60L * minute), "svc", kind, Fact.roundOf(decisionId),
                decisionId);
    }

    private static Application apply(Application a, Fact... facts) {
        for (Fact f : facts) {
            a = a.record(f);
        }
        return a;
    }

    @Test
    void draft_then_submitted() {
        Application draft = Application.draft("APP-1", "91350100M000100Y43", "B1", District.HULI, "2026", Map.of(), List.of(),
                T0, "u", "request:0");
        assertEquals(ApplicationStatus.DRAFT, draft.status());
        assertTrue(draft.submittedAt().isEmpty());
        Application.Submission submission = draft.submitDraft(T0.plusSeconds(5), "u", "request:1");
        assertEquals(ApplicationStatus.SUBMITTED, submission.application().status());
        assertEquals("2026", submission.event().period());
        IllegalTransition twice = assertThrows(IllegalTransition.class, () -> submission.application()
                .submitDraft(T0, "u", "request:2"));
        assertEquals(ApplicationStatus.SUBMITTED, twice.current());
    }

    @Test
    void submitted_under_review_approved_notice_scheduled_paid() {
        Application a = submitted();
        a = apply(a, fact("DECIDED_REVIEW_REQUIRED", ApplicationStatus.UNDER_REVIEW, 1, D0));
        assertEquals(ApplicationStatus.UNDER_REVIEW, a.status());
        a = apply(a, fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 2, D0));
        assertEquals(ApplicationStatus.APPROVED, a.status());
        a = apply(a, fact("BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, 3, D0));
        assertEquals(ApplicationStatus.PAYMENT_SCHEDULED, a.status());
        a = apply(a, fact("PAYMENT_IN_NOTICE", ApplicationStatus.IN_PUBLIC_NOTICE, 4, D0));
        assertEquals(ApplicationStatus.IN_PUBLIC_NOTICE, a.status());
        a = apply(a, fact("PAYMENT_INSTRUCTED", ApplicationStatus.PAYMENT_SCHEDULED, 5, D0));
        assertEquals(ApplicationStatus.PAYMENT_SCHEDULED, a.status());
        a = apply(a, fact("PAYMENT_DISBURSED", ApplicationStatus.PAID, 6, D0));
        assertEquals(ApplicationStatus.PAID, a.status());
    }

    @Test
    void notice_on_hold_then_instructed_and_a_returned_payment_paid_again() {
        Application a = apply(submitted(), fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 1, D0),
                fact("PAYMENT_IN_NOTICE", ApplicationStatus.IN_PUBLIC_NOTICE, 2, D0),
                fact("PAYMENT_ON_HOLD", ApplicationStatus.ON_HOLD, 3, D0));
        assertEquals(ApplicationStatus.ON_HOLD, a.status());
        a = apply(a, fact("PAYMENT_INSTRUCTED", ApplicationStatus.PAYMENT_SCHEDULED, 4, D0),
                fact("PAYMENT_DISBURSED", ApplicationStatus.PAID, 5, D0),
                fact("PAYMENT_RETURNED", ApplicationStatus.PAYMENT_RETURNED, 6, D0));
        assertEquals(ApplicationStatus.PAYMENT_RETURNED, a.status());
        a = apply(a, fact("PAYMENT_DISBURSED", ApplicationStatus.PAID, 7, D0));
        assertEquals(ApplicationStatus.PAID, a.status());
    }

    @Test
    void facts_of_one_producer_write_share_their_time_and_follow_the_producers_sequence() {
        // payments writes BudgetReserved (sequence 1) and PaymentInNotice (2) in one outbox write: one ce_time
        Instant at = T0.plusSeconds(120);
        Fact reserved = new Fact("r", "BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, at, "payments", "r", 0, D0, 1);
        Fact notice = new Fact("n", "PAYMENT_IN_NOTICE", ApplicationStatus.IN_PUBLIC_NOTICE, at, "payments", "n", 0, D0, 2);
        Application approved = apply(submitted(), fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 1, D0));
        assertEquals(ApplicationStatus.IN_PUBLIC_NOTICE, apply(approved, reserved, notice).status());
        assertEquals(ApplicationStatus.IN_PUBLIC_NOTICE, apply(approved, notice, reserved).status());
        assertEquals(List.of("r", "n"), apply(approved, notice, reserved).timeline().stream().skip(2).map(Fact::eventId).toList());
    }

    @Test
    void rejected_appealed_decided_again() {
        Application a = apply(submitted(), fact("DECIDED_REJECTED", ApplicationStatus.REJECTED, 1, D0));
        assertEquals(ApplicationStatus.REJECTED, a.status());
        Application.Transition appeal = a.appeal("the certificate was valid", List.of(), "u", T0.plusSeconds(120), "request:2");
        a = appeal.application();
        assertEquals(ApplicationStatus.APPEALED, a.status());
        assertEquals(1, a.round());
        ApplicationEvent.Appealed event = assertInstanceOf(ApplicationEvent.Appealed.class, appeal.events().get(0));
        assertEquals(D0, event.decisionId());
        a = apply(a, fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 3, D1));
        assertEquals(ApplicationStatus.APPROVED, a.status());
        assertEquals(D1, a.latestDecisionId().orElseThrow());
        assertEquals(List.of(D1), a.approvedDecisionsWithoutSnapshot());
    }

    @Test
    void an_appeal_rejected_again_can_be_appealed_again() {
        Application a = apply(submitted(), fact("DECIDED_REJECTED", ApplicationStatus.REJECTED, 1, D0));
        a = a.appeal("g", List.of(), "u", T0.plusSeconds(120), "request:2").application();
        a = apply(a, fact("DECIDED_REJECTED", ApplicationStatus.REJECTED, 3, D1));
        assertEquals(ApplicationStatus.REJECTED, a.status());
        Application.Transition second = a.appeal("g2", List.of(), "u", T0.plusSeconds(240), "request:3");
        assertEquals(2, second.application().round());
        assertEquals(D1, ((ApplicationEvent.Appealed) second.events().get(0)).decisionId());
    }

    @Test
    void waitlisted_then_reserved_or_lapsed() {
        Application a = apply(submitted(), fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 1, D0),
                fact("BUDGET_WAITLISTED", ApplicationStatus.WAITLISTED, 2, D0));
        assertEquals(ApplicationStatus.WAITLISTED, a.status());
        assertEquals(ApplicationStatus.PAYMENT_SCHEDULED,
                apply(a, fact("BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, 3, D0)).status());
        assertEquals(ApplicationStatus.CLOSED, apply(a, fact("BUDGET_RELEASED", ApplicationStatus.CLOSED, 3, D0)).status());
    }

    @Test
    void approved_then_converted_to_an_investment() {
        Application a = apply(submitted(), fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 1, D0),
                fact("BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, 2, D0),
                fact("PAYMENT_CONVERTED", ApplicationStatus.CONVERTED, 3, D0));
        assertEquals(ApplicationStatus.CONVERTED, a.status());
        assertThrows(IllegalTransition.class, () -> a.requestWithdrawal("r", "u", T0, "request:9"));
    }

    @Test
    void withdrawal_is_a_request_that_payments_accepts_or_refuses() {
        Application approved = apply(submitted(), fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 1, D0));
        Application.Transition requested = approved.requestWithdrawal("no longer needed", "u", T0.plusSeconds(120),
                "request:2");
        ApplicationEvent.WithdrawalRequested event = assertInstanceOf(ApplicationEvent.WithdrawalRequested.class,
                requested.events().get(0));
        assertEquals(D0, event.decisionId());
        Application pending = requested.application();
        assertEquals(ApplicationStatus.APPROVED, pending.status(), "a request changes nothing yet");
        assertTrue(pending.withdrawalPending());
        IllegalTransition again = assertThrows(IllegalTransition.class, () -> pending.requestWithdrawal("x", "u", T0,
                "request:3"));
        assertEquals(ApplicationStatus.APPROVED, again.current());

        Application refused = apply(pending, fact("WITHDRAWAL_REFUSED", null, 3, D0));
        assertEquals(ApplicationStatus.APPROVED, refused.status());
        assertFalse(refused.withdrawalPending());
        IllegalTransition afterRefusal = assertThrows(IllegalTransition.class, () -> refused.requestWithdrawal("x", "u",
                T0.plusSeconds(240), "request:4"));
        assertTrue(afterRefusal.getMessage().contains("refused"), afterRefusal.getMessage());
        // an application stuck with a second request payments never answered is not pending any more
        Application stuck = apply(refused, new Fact("request:5", "WITHDRAWAL_REQUESTED", null, T0.plusSeconds(300), "u", "again"));
        assertFalse(stuck.withdrawalPending());

        Application accepted = apply(pending, fact("WITHDRAWAL_ACCEPTED", ApplicationStatus.WITHDRAWN, 3, D0));
        assertEquals(ApplicationStatus.WITHDRAWN, accepted.status());
        assertFalse(accepted.status().open());
        // a payment fact arriving after the withdrawal does not revive it
        assertEquals(ApplicationStatus.WITHDRAWN, apply(accepted, fact("PAYMENT_APPROVED",
                ApplicationStatus.PAYMENT_SCHEDULED, 4, D0)).status());
    }

    @Test
    void a_draft_is_withdrawn_at_once_without_asking_payments() {
        Application draft = Application.draft("APP-1", "91350100M000100Y43", "B1", District.HULI, "2026", Map.of(), List.of(),
                T0, "u", "request:0");
        Application.Transition t = draft.requestWithdrawal("typo", "u", T0.plusSeconds(1), "request:1");
        assertEquals(ApplicationStatus.WITHDRAWN, t.application().status());
        assertTrue(t.events().isEmpty());
    }

    @Test
    void illegal_transitions_name_the_current_state() {
        Application paid = apply(submitted(), fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 1, D0),
                fact("PAYMENT_DISBURSED", ApplicationStatus.PAID, 2, D0));
        IllegalTransition withdrawPaid = assertThrows(IllegalTransition.class, () -> paid.requestWithdrawal("r", "u", T0,
                "request:2"));
        assertEquals(ApplicationStatus.PAID, withdrawPaid.current());
        IllegalTransition appealPaid = assertThrows(IllegalTransition.class, () -> paid.appeal("g", List.of(), "u", T0, "request:3"));
        assertEquals(ApplicationStatus.PAID, appealPaid.current());
        IllegalTransition appealSubmitted = assertThrows(IllegalTransition.class, () -> submitted().appeal("g", List.of(), "u", T0,
                "request:4"));
        assertEquals(ApplicationStatus.SUBMITTED, appealSubmitted.current());
        Application withdrawn = apply(submitted(), fact("WITHDRAWAL_ACCEPTED", ApplicationStatus.WITHDRAWN, 1, null));
        assertEquals(ApplicationStatus.WITHDRAWN, assertThrows(IllegalTransition.class, () -> withdrawn.requestWithdrawal(
                "r", "u", T0, "request:5")).current());
        Application closed = apply(submitted(), fact("BUDGET_RELEASED", ApplicationStatus.CLOSED, 1, D0));
        assertEquals(ApplicationStatus.CLOSED, assertThrows(IllegalTransition.class, () -> closed.requestWithdrawal(
                "r", "u", T0, "request:6")).current());
        assertThrows(IllegalTransition.class, () -> submitted().correctDraft(Map.of(), List.of()));
    }

    @Test
    void the_same_facts_in_any_arrival_order_give_the_same_status_and_timeline() {
        List<Fact> facts = List.of(fact("DECIDED_REJECTED", ApplicationStatus.REJECTED, 1, D0),
                new Fact("appeal", "APPEALED", ApplicationStatus.APPEALED, T0.plusSeconds(120), "u", "a", 1, D0),
                fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 3, D1),
                fact("BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, 4, D1),
                fact("PAYMENT_IN_NOTICE", ApplicationStatus.IN_PUBLIC_NOTICE, 5, D1),
                fact("PAYMENT_INSTRUCTED", ApplicationStatus.PAYMENT_SCHEDULED, 6, D1),
                fact("PAYMENT_DISBURSED", ApplicationStatus.PAID, 7, D1));
        Application inOrder = apply(submitted(), facts.toArray(Fact[]::new));
        assertEquals(ApplicationStatus.PAID, inOrder.status());
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            List<Fact> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            Application a = apply(submitted(), shuffled.toArray(Fact[]::new));
            assertEquals(ApplicationStatus.PAID, a.status(), "order " + shuffled.stream().map(Fact::kind).toList());
            assertEquals(inOrder.timeline(), a.timeline());
        }
    }

    @Test
    void a_payee_snapshot_is_taken_once_per_approved_decision() {
        Application a = apply(submitted(), fact("DECIDED_APPROVED", ApplicationStatus.APPROVED, 1, D0));
        BankAccount account = new BankAccount("Co", "35150198010100001234", "105393000015", null, T0);
        Application.Transition first = a.snapshotPayee(D0, account, T0.plusSeconds(90));
        assertEquals(1, first.events().size());
        assertTrue(first.application().approvedDecisionsWithoutSnapshot().isEmpty());
        assertTrue(first.application().snapshotPayee(D0, account, T0.plusSeconds(95)).events().isEmpty());
    }

    @Test
    void rounds_come_from_decision_and_order_ids() {
        assertEquals(0, Fact.roundOf("D-APP-20261129-7K3M9Q2XWD"));
        assertEquals(2, Fact.roundOf("D-APP-20261129-7K3M9Q2XWD-R2"));
        assertEquals(1, Fact.roundOf("PO-D-APP-20261129-7K3M9Q2XWD-R1"));
        assertEquals(0, Fact.roundOf("APP-20261129-R23456789A"));
        assertEquals(0, Fact.roundOf(null));
    }
}
