package org.susong.techcontracts.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.susong.techcontracts.domain.ContractRuleViolation.IllegalTransition;
import org.susong.techcontracts.domain.ContractRuleViolation.Term;

/**
 * A technology contract on its way through the registry: submitted, then registered or refused;
 * once registered, amended through reviewed amendments or cancelled for good. It decides; it does
 * not publish: every step returns the new state with the events it caused, and the application
 * layer stores both in one write.
 *
 * @param brics          the BRICS standing of its foreign party on the signing date
 * @param checkOverrides officers' acceptances of USCC check characters that fail
 * @param review         the deadline of the submission's review (null when registered directly or imported)
 * @param decidedOn      the day of the registration, refusal or cancellation
 */
public record TechContract(String id, ContractStatus status, ContractTerms terms, BricsStatus brics,
                           List<CheckOverride> checkOverrides, LocalDate submittedOn, ReviewRules.Deadline review,
                           RegistrationNumber registrationNumber, LocalDate registeredOn, Instant registeredAt,
                           String registeredBy, boolean imported, List<RefusalReason.Refusal> refusals,
                           LocalDate decidedOn, List<Amendment> amendments, String cancellationReason) {

    /** An officer accepted a party's USCC although its check character fails. */
    public record CheckOverride(String party, String officer, String reason) {
    }

    /** The state after a step and the events the step caused. */
    public record Change(TechContract contract, List<TechContractEvent> events) {
    }

    public TechContract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(brics, "brics");
        checkOverrides = checkOverrides == null ? List.of() : List.copyOf(checkOverrides);
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
        if (status == ContractStatus.REGISTERED && registrationNumber == null) {
            throw new IllegalArgumentException("a registered contract has a registration number");
        }
    }

    /** Files a contract for the registry's review. */
    public static Change submit(String id, ContractTerms terms, BricsStatus brics, List<CheckOverride> overrides,
                                ReviewRules.Deadline deadline, LocalDate today) {
        terms.checkRegistrable(today);
        TechContract contract = new TechContract(id, ContractStatus.SUBMITTED, terms, brics, overrides, today, deadline,
                null, null, null, null, false, List.of(), null, List.of(), null);
        return new Change(contract, List.of(new TechContractEvent.Submitted(id, terms, today, deadline, brics)));
    }

    /** The registry enters and registers a contract it has checked itself, under a number of today's year. */
    public static Change registerDirectly(String id, ContractTerms terms, BricsStatus brics, List<CheckOverride> overrides,
                                          RegistrationNumber number, Instant now, LocalDate today, String actor) {
        terms.checkRegistrable(today);
        checkYear(number, today);
        TechContract contract = new TechContract(id, ContractStatus.REGISTERED, terms, brics, overrides, today, null,
                number, today, now, actor, false, List.of(), today, List.of(), null);
        return new Change(contract, List.of(registered(contract)));
    }

    /**
     * A contract already registered nationally (Torch Centre), kept with its number and registration
     * date; the number's year is the year of the registration date.
     */
    public static Change importRegistered(String id, ContractTerms terms, BricsStatus brics, List<CheckOverride> overrides,
                                          RegistrationNumber number, LocalDate registeredOn, Instant now, LocalDate today,
                                          String actor) {
        terms.checkRegistrable(today);
        if (registeredOn.isAfter(today) || registeredOn.isBefore(terms.signingDate())) {
            throw new ContractRuleViolation(Term.REGISTRATION_DATE, "a contract signed on " + terms.signingDate()
                    + " cannot have been registered on " + registeredOn + " (today is " + today + ")");
        }
        if (number.year() != registeredOn.getYear()) {
            throw new ContractRuleViolation(Term.REGISTRATION_NUMBER, "registration number " + number + " is of "
                    + number.year() + ", but the contract was registered on " + registeredOn);
        }
        TechContract contract = new TechContract(id, ContractStatus.REGISTERED, terms, brics, overrides, registeredOn,
                null, number, registeredOn, now, actor, true, List.of(), registeredOn, List.of(), null);
        return new Change(contract, List.of(registered(contract)));
    }

    /** The review ends in registration. */
    public Change register(RegistrationNumber number, Instant now, LocalDate today, String actor) {
        requireStatus(ContractStatus.SUBMITTED, "registered");
        checkYear(number, today);
        TechContract contract = new TechContract(id, status.moveTo(ContractStatus.REGISTERED), terms, brics, checkOverrides,
                submittedOn, review, number, today, now, actor, false, List.of(), today, amendments, null);
        return new Change(contract, List.of(registered(contract)));
    }

    /** The review ends without registration, on one or more coded grounds. */
    public Change refuse(List<RefusalReason.Refusal> reasons, LocalDate today) {
        requireStatus(ContractStatus.SUBMITTED, "refused");
        requireReasons(reasons);
        TechContract contract = new TechContract(id, status.moveTo(ContractStatus.REFUSED), terms, brics, checkOverrides,
                submittedOn, review, null, null, null, null, false, reasons, today, amendments, null);
        return new Change(contract, List.of(new TechContractEvent.Refused(id, terms, contract.refusals(), today)));
    }

    /** Proposes new terms; they apply only when the amendment's review approves them. */
    public Change proposeAmendment(ContractTerms proposed, String reason, ReviewRules.Deadline deadline, LocalDate today,
                                   String actor) {
        requireStatus(ContractStatus.REGISTERED, "amended");
        if (pendingAmendment().isPresent()) {
            throw new IllegalTransition("amendment " + pendingAmendment().get().number() + " of " + id
                    + " is still under review");
        }
        proposed.checkRegistrable(today);
        if (proposed.signingDate().isAfter(registeredOn)) {
            throw new ContractRuleViolation(Term.SIGNING_DATE, "the contract was registered on " + registeredOn
                    + ": it cannot have been signed later, on " + proposed.signingDate());
        }
        if (proposed.equals(terms)) {
            throw new ContractRuleViolation(Term.STATUS, "the amendment changes nothing");
        }
        List<Amendment> next = new ArrayList<>(amendments);
        next.add(new Amendment(amendments.size() + 1, proposed, reason, today, deadline.dueOn(), deadline.expertReview(),
                actor, Amendment.Outcome.PENDING, List.of(), null));
        return new Change(withAmendments(terms, brics, next), List.of());
    }

    /** The amendment's review approves it: the new terms apply from today. */
    public Change approveAmendment(BricsStatus newBrics, LocalDate today) {
        requireStatus(ContractStatus.REGISTERED, "amended");
        Amendment pending = pendingAmendment().orElseThrow(() -> new IllegalTransition(id + " has no amendment under review"));
        List<Amendment> next = decide(pending.decided(Amendment.Outcome.APPROVED, List.of(), today));
        TechContract contract = withAmendments(pending.proposed(), newBrics, next);
        return new Change(contract, List.of(new TechContractEvent.Amended(id, registrationNumber, pending.number(), terms,
                pending.proposed(), pending.reason(), today, newBrics)));
    }

    /** The amendment's review refuses it: the registered terms stay. */
    public Change refuseAmendment(List<RefusalReason.Refusal> reasons, LocalDate today) {
        requireStatus(ContractStatus.REGISTERED, "amended");
        Amendment pending = pendingAmendment().orElseThrow(() -> new IllegalTransition(id + " has no amendment under review"));
        requireReasons(reasons);
        return new Change(withAmendments(terms, brics, decide(pending.decided(Amendment.Outcome.REFUSED, reasons, today))),
                List.of());
    }

    /** Cancels a registered contract for good; a pending amendment is withdrawn with it. */
    public Change cancel(String reason, LocalDate today) {
        requireStatus(ContractStatus.REGISTERED, "cancelled");
        if (reason == null || reason.isBlank()) {
            throw new ContractRuleViolation(Term.STATUS, "a cancellation needs its reason");
        }
        List<Amendment> next = pendingAmendment().map(p -> decide(p.decided(Amendment.Outcome.WITHDRAWN, List.of(), today)))
                .orElse(amendments);
        TechContract contract = new TechContract(id, status.moveTo(ContractStatus.CANCELLED), terms, brics, checkOverrides,
                submittedOn, review, registrationNumber, registeredOn, registeredAt, registeredBy, imported, List.of(), today, next,
                reason.trim());
        return new Change(contract, List.of(new TechContractEvent.Cancelled(id, registrationNumber, terms, reason.trim(),
                today)));
    }

    public Optional<Amendment> pendingAmendment() {
        return amendments.stream().filter(a -> a.outcome() == Amendment.Outcome.PENDING).findFirst();
    }

    /** The deadline of the review now open (submission or amendment), if any. */
    public Optional<LocalDate> reviewDueOn() {
        if (status == ContractStatus.SUBMITTED) {
            return Optional.of(review.dueOn());
        }
        return pendingAmendment().map(Amendment::dueOn);
    }

    /** Whether the contract holds its duplicate key: a refused or cancelled one releases it. */
    public boolean holdsDuplicateKey() {
        return status == ContractStatus.SUBMITTED || status == ContractStatus.REGISTERED;
    }

    private TechContract withAmendments(ContractTerms newTerms, BricsStatus newBrics, List<Amendment> next) {
        return new TechContract(id, status, newTerms, newBrics, checkOverrides, submittedOn, review, registrationNumber,
                registeredOn, registeredAt, registeredBy, imported, refusals, decidedOn, next, cancellationReason);
    }

    private List<Amendment> decide(Amendment decided) {
        List<Amendment> next = new ArrayList<>(amendments);
        next.set(decided.number() - 1, decided);
        return next;
    }

    private void requireStatus(ContractStatus required, String step) {
        if (status != required) {
            throw new IllegalTransition("contract " + id + " is " + status + " and cannot be " + step
                    + " (only a " + required + " one can)");
        }
    }

    private static void requireReasons(List<RefusalReason.Refusal> reasons) {
        if (reasons == null || reasons.isEmpty()) {
            throw new ContractRuleViolation(Term.REFUSAL_REASONS, "a refusal names at least one coded reason");
        }
    }

    private static void checkYear(RegistrationNumber number, LocalDate today) {
        if (number.year() != today.getYear()) {
            throw new IllegalArgumentException("registration number " + number + " belongs to " + number.year()
                    + ", not to the registration year " + today.getYear());
        }
    }

    private static TechContractEvent.Registered registered(TechContract c) {
        return new TechContractEvent.Registered(c.id(), c.registrationNumber(), c.terms(), c.registeredOn(), c.brics(),
                c.imported());
    }
}
