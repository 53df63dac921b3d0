package org.susong.techcontracts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.techcontracts.domain.Contracts.TODAY;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.susong.commons.money.Money;
import org.susong.techcontracts.domain.RefusalReason.Refusal;

/** submitted → registered | refused; registered → amended (reviewed) | cancelled (final). */
class ReviewWorkflowTest {

    static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");
    static final ReviewRules.Deadline DUE = new ReviewRules.Deadline(TODAY.plusDays(30), false);
    static final RegistrationNumber NUMBER = RegistrationNumber.of(2026, "3502", 7);

    static TechContract submitted() {
        return TechContract.submit("TC-2", Contracts.development(), BricsStatus.NONE, List.of(), DUE, TODAY).contract();
    }

    static TechContract registered() {
        return submitted().register(NUMBER, NOW, TODAY, "registrar-1").contract();
    }

    @Test
    void a_submitted_contract_has_no_number_and_a_deadline_until_the_registrar_registers_it() {
        TechContract.Change submission = TechContract.submit("TC-2", Contracts.development(), BricsStatus.NONE, List.of(),
                DUE, TODAY);
        assertEquals(ContractStatus.SUBMITTED, submission.contract().status());
        assertNull(submission.contract().registrationNumber());
        assertEquals(TODAY.plusDays(30), submission.contract().reviewDueOn().orElseThrow());
        assertInstanceOf(TechContractEvent.Submitted.class, submission.events().get(0));
        assertTrue(submission.contract().holdsDuplicateKey());

        TechContract.Change registration = submission.contract().register(NUMBER, NOW, TODAY.plusDays(3), "registrar-1");
        assertEquals(ContractStatus.REGISTERED, registration.contract().status());
        assertEquals(NUMBER, registration.contract().registrationNumber());
        assertEquals(TODAY.plusDays(3), registration.contract().registeredOn());
        assertTrue(registration.contract().reviewDueOn().isEmpty());
        assertInstanceOf(TechContractEvent.Registered.class, registration.events().get(0));
    }

    @Test
    void a_number_is_issued_once_a_registered_contract_cannot_be_registered_again() {
        assertThrows(ContractRuleViolation.IllegalTransition.class, () -> registered().register(
                RegistrationNumber.of(2026, "3502", 8), NOW, TODAY, "registrar-1"));
    }

    @ParameterizedTest
    @EnumSource(RefusalReason.class)
    void each_refusal_reason_refuses_and_releases_the_duplicate_key(RefusalReason reason) {
        TechContract.Change refusal = submitted().refuse(List.of(new Refusal(reason, "see the file")), TODAY);
        assertEquals(ContractStatus.REFUSED, refusal.contract().status());
        assertFalse(refusal.contract().holdsDuplicateKey());
        TechContractEvent.Refused event = (TechContractEvent.Refused) refusal.events().get(0);
        assertEquals(reason, event.reasons().get(0).code());
        assertThrows(ContractRuleViolation.IllegalTransition.class, () -> refusal.contract().register(NUMBER, NOW, TODAY, "r"));
    }

    @Test
    void a_refusal_names_at_least_one_reason_and_other_needs_a_text() {
        assertEquals(ContractRuleViolation.Term.REFUSAL_REASONS, assertThrows(ContractRuleViolation.class,
                () -> submitted().refuse(List.of(), TODAY)).term());
        assertThrows(IllegalArgumentException.class, () -> new Refusal(RefusalReason.OTHER, " "));
        List<Refusal> several = List.of(new Refusal(RefusalReason.SEAL_PROBLEMS, null),
                new Refusal(RefusalReason.MISSING_OR_INVALID_DOCUMENTS, null),
                new Refusal(RefusalReason.OTHER, "the technical annex is unsigned"));
        assertEquals(3, submitted().refuse(several, TODAY).contract().refusals().size());
    }

    @Test
    void an_amendment_applies_only_after_its_review_and_announces_before_and_after() {
        ContractTerms larger = Contracts.withAmounts(Money.ofYuan(3_000_000), Money.ofYuan(2_600_000));
        ReviewRules.Deadline due = new ReviewRules.Deadline(TODAY.plusDays(30), false);
        TechContract proposed = registered().proposeAmendment(larger, "second phase added", due, TODAY, "a").contract();
        // still the registered terms while the amendment waits
        assertEquals(Money.ofYuan(2_100_000), proposed.terms().technicalTransactionAmount());
        assertEquals(TODAY.plusDays(30), proposed.reviewDueOn().orElseThrow());
        assertThrows(ContractRuleViolation.IllegalTransition.class,
                () -> proposed.proposeAmendment(larger, "again", due, TODAY, "a"));

        TechContract.Change approval = proposed.approveAmendment(BricsStatus.NONE, TODAY.plusDays(2));
        assertEquals(Money.ofYuan(2_600_000), approval.contract().terms().technicalTransactionAmount());
        assertEquals(NUMBER, approval.contract().registrationNumber());
        TechContractEvent.Amended amended = (TechContractEvent.Amended) approval.events().get(0);
        assertEquals(Money.ofYuan(2_100_000), amended.before().technicalTransactionAmount());
        assertEquals(Money.ofYuan(2_600_000), amended.after().technicalTransactionAmount());
        assertEquals(1, amended.amendmentNumber());
        assertEquals(Amendment.Outcome.APPROVED, approval.contract().amendments().get(0).outcome());
    }

    @Test
    void a_refused_amendment_leaves_the_terms_and_announces_nothing() {
        ContractTerms other = Contracts.withAmounts(Money.ofYuan(3_000_000), Money.ofYuan(2_600_000));
        TechContract proposed = registered().proposeAmendment(other, "x", DUE, TODAY, "a").contract();
        TechContract.Change refusal = proposed.refuseAmendment(List.of(new Refusal(RefusalReason.OTHER, "no basis")),
                TODAY);
        assertEquals(Money.ofYuan(2_100_000), refusal.contract().terms().technicalTransactionAmount());
        assertTrue(refusal.events().isEmpty());
        assertEquals(Amendment.Outcome.REFUSED, refusal.contract().amendments().get(0).outcome());
        assertTrue(refusal.contract().pendingAmendment().isEmpty());
    }

    @Test
    void an_amendment_must_change_something_and_keep_the_rules() {
        assertThrows(ContractRuleViolation.class, () -> registered().proposeAmendment(Contracts.development(), "x", DUE,
                TODAY, "a"));
        assertEquals(ContractRuleViolation.Term.TECHNICAL_TRANSACTION_AMOUNT, assertThrows(ContractRuleViolation.class,
                () -> registered().proposeAmendment(Contracts.withAmounts(Money.ofYuan(1), Money.ofYuan(2)), "x", DUE,
                        TODAY, "a")).term());
        assertThrows(ContractRuleViolation.IllegalTransition.class, () -> submitted().proposeAmendment(
                Contracts.withAmounts(Money.ofYuan(3), Money.ofYuan(2)), "x", DUE, TODAY, "a"));
    }

    @Test
    void a_cancellation_is_final_releases_the_duplicate_key_and_withdraws_a_pending_amendment() {
        TechContract proposed = registered().proposeAmendment(Contracts.withAmounts(Money.ofYuan(3_000_000),
                Money.ofYuan(1)), "x", DUE, TODAY, "a").contract();
        TechContract.Change cancellation = proposed.cancel("contract rescinded by both parties", TODAY);
        TechContract cancelled = cancellation.contract();
        assertEquals(ContractStatus.CANCELLED, cancelled.status());
        assertFalse(cancelled.holdsDuplicateKey());
        assertEquals(NUMBER, cancelled.registrationNumber());
        assertEquals(Amendment.Outcome.WITHDRAWN, cancelled.amendments().get(0).outcome());
        assertTrue(cancelled.reviewDueOn().isEmpty());
        assertInstanceOf(TechContractEvent.Cancelled.class, cancellation.events().get(0));
        assertThrows(ContractRuleViolation.IllegalTransition.class, () -> cancelled.cancel("again", TODAY));
        assertThrows(ContractRuleViolation.IllegalTransition.class, () -> cancelled.approveAmendment(BricsStatus.NONE, TODAY));
        assertThrows(ContractRuleViolation.IllegalTransition.class, () -> submitted().cancel("not yet", TODAY));
    }

    @Test
    void an_imported_contract_keeps_its_national_number_and_registration_date() {
        RegistrationNumber national = new RegistrationNumber("2023110100004711");
        TechContract.Change imported = TechContract.importRegistered("TC-3", Contracts.withSigningDate(
                LocalDate.of(2023, 3, 1)), BricsStatus.NONE, List.of(), national, LocalDate.of(2023, 3, 20), NOW, TODAY, "r");
        assertEquals(national, imported.contract().registrationNumber());
        assertEquals(LocalDate.of(2023, 3, 20), imported.contract().registeredOn());
        assertTrue(imported.contract().imported());
        // registered before it was signed: impossible
        assertThrows(ContractRuleViolation.class, () -> TechContract.importRegistered("TC-4",
                Contracts.withSigningDate(LocalDate.of(2023, 3, 1)), BricsStatus.NONE, List.of(), national,
                LocalDate.of(2023, 2, 20), NOW, TODAY, "r"));
    }

    @Test
    void an_amendment_cannot_move_the_signing_date_after_the_registration_date() {
        // registered on TODAY (signed 9 days before): an amendment signed tomorrow-of-registration is refused
        TechContract registered = registered();
        ContractTerms later = Contracts.withSigningDate(registered.registeredOn().plusDays(1));
        assertEquals(ContractRuleViolation.Term.SIGNING_DATE, assertThrows(ContractRuleViolation.class,
                () -> registered.proposeAmendment(later, "date corrected", DUE, TODAY.plusDays(2), "a")).term());
        // an imported contract: the national registration date counts
        RegistrationNumber national = new RegistrationNumber("2023110100004712");
        TechContract imported = TechContract.importRegistered("TC-5", Contracts.withSigningDate(LocalDate.of(2023, 3, 1)),
                BricsStatus.NONE, List.of(), national, LocalDate.of(2023, 3, 20), NOW, TODAY, "r").contract();
        assertThrows(ContractRuleViolation.class, () -> imported.proposeAmendment(
                Contracts.withSigningDate(LocalDate.of(2023, 3, 21)), "date corrected", DUE, TODAY, "a"));
        // an earlier signing date stays possible
        imported.proposeAmendment(Contracts.withSigningDate(LocalDate.of(2023, 2, 27)), "date corrected", DUE, TODAY, "a");
    }

    @Test
    void a_term_must_not_end_before_it_starts_and_instalments_add_up_to_the_contract_amount() {
        ContractTerms backwards = Contracts.withTermAndSchedule(TODAY, TODAY.minusDays(1), List.of());
        assertEquals(ContractRuleViolation.Term.TERM, assertThrows(ContractRuleViolation.class,
                () -> backwards.checkRegistrable(TODAY)).term());
        ContractTerms short1 = Contracts.withTermAndSchedule(TODAY, TODAY.plusYears(1), List.of(
                new ContractTerms.Instalment(TODAY, Money.ofYuan(1_000_000))));
        assertEquals(ContractRuleViolation.Term.PAYMENT_SCHEDULE, assertThrows(ContractRuleViolation.class,
                () -> short1.checkRegistrable(TODAY)).term());
        Contracts.withTermAndSchedule(TODAY, TODAY.plusYears(1), List.of(
                new ContractTerms.Instalment(TODAY, Money.ofYuan(1_000_000)),
                new ContractTerms.Instalment(TODAY.plusMonths(6), Money.ofYuan(1_500_000)))).checkRegistrable(TODAY);
    }
}
