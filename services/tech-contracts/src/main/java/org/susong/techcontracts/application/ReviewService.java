package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.susong.commons.ids.District;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.domain.ContractRuleViolation;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.RefusalReason;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.persistence.ContractRepository;
import org.susong.techcontracts.persistence.RegistrationCounter;

/**
 * The registry's review: a submitted contract is registered (a number is issued once, at this step)
 * or refused on coded grounds; a registered contract is amended through a reviewed amendment or
 * cancelled for good. Review steps need the registrar role.
 */
@ApplicationScoped
public class ReviewService {

    /** A page of overdue reviews and, when it is full, the cursor of the next one. */
    public record OverduePage(List<TechContract> contracts, Optional<String> nextCursor) {
    }

    /** A refusal ground as given by the caller. */
    public record ReasonInput(String code, String text) {
    }

    private final ContractRepository contracts;
    private final RegistrationCounter counter;
    private final RegistrationConfig config;
    private final ReferenceData reference;
    private final ContractWriter writer;
    private final Clock clock;

    ReviewService(ContractRepository contracts, RegistrationCounter counter, RegistrationConfig config,
                  ReferenceData reference, ContractWriter writer, Clock clock) {
        this.contracts = contracts;
        this.counter = counter;
        this.config = config;
        this.reference = reference;
        this.writer = writer;
        this.clock = clock;
    }

    public TechContract register(Principal principal, String id) {
        ContractService.requireRegistrar(principal);
        Instant now = clock.instant();
        LocalDate today = today(now);
        return step(principal, id, "register", c -> {
            requireSubmitted(c);
            String code = config.registryCode();
            RegistrationNumber number = RegistrationNumber.of(today.getYear(), code, counter.next(code, today.getYear()));
            return c.register(number, now, today, principal.asActor());
        });
    }

    public TechContract refuse(Principal principal, String id, List<ReasonInput> reasons) {
        ContractService.requireRegistrar(principal);
        List<RefusalReason.Refusal> grounds = reasons(reasons);
        LocalDate today = today(clock.instant());
        return step(principal, id, "refuse", c -> c.refuse(grounds, today));
    }

    /** Proposes new terms for a registered contract: its registrar or the party that filed it. */
    public TechContract proposeAmendment(Principal principal, String id, ContractCommand command, String reason) {
        LocalDate today = today(clock.instant());
        ContractInput.Prepared p = ContractInput.prepare(command, principal, reference, today);
        return step(principal, id, "amend", c -> {
            if (!ContractService.visibleTo(principal, c)) {
                throw ProblemException.notFound("contract", id);
            }
            if (!principal.hasRole(ContractService.REGISTRAR) && !principal.actsFor(ContractService.applyingParty(c.terms()))) {
                throw new ProblemException(403, "Forbidden", "only a registrar or the party that filed the contract"
                        + " proposes amendments", null);
            }
            if (reason == null || reason.isBlank()) {
                throw ProblemException.badRequest("reason", "an amendment states its reason");
            }
            ContractTerms terms = p.terms();
            return c.proposeAmendment(terms, reason.trim(),
                    reference.rules().deadline(today, terms.technicalTransactionAmount(), reference.calendar()), today,
                    principal.asActor());
        });
    }

    public TechContract approveAmendment(Principal principal, String id) {
        ContractService.requireRegistrar(principal);
        LocalDate today = today(clock.instant());
        return step(principal, id, "approve the amendment of", c -> c.approveAmendment(
                reference.brics().statusOf(c.pendingAmendment().map(a -> a.proposed()).orElse(c.terms())), today));
    }

    public TechContract refuseAmendment(Principal principal, String id, List<ReasonInput> reasons) {
        ContractService.requireRegistrar(principal);
        List<RefusalReason.Refusal> grounds = reasons(reasons);
        LocalDate today = today(clock.instant());
        return step(principal, id, "refuse the amendment of", c -> c.refuseAmendment(grounds, today));
    }

    /** Cancels a registered contract for good; its duplicate key is released. */
    public TechContract cancel(Principal principal, String id, String reason) {
        ContractService.requireRegistrar(principal);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("reason", "a cancellation states its reason");
        }
        LocalDate today = today(clock.instant());
        return step(principal, id, "cancel", c -> c.cancel(reason, today));
    }

    /**
     * Open reviews (submissions and amendments) whose deadline has passed, oldest deadline first; a
     * district officer's only of its district, the limit counted after that filter; a page starts
     * after the last contract of the previous one.
     */
    public OverduePage overdue(Principal principal, String cursor, int limit) {
        if (!principal.hasAnyRole(ContractService.REGISTRAR, Principal.AUDITOR, Principal.OFFICER)) {
            throw new ProblemException(403, "Forbidden", "only registry staff and auditors list overdue reviews", null);
        }
        Optional<District> district = Optional.empty();
        if (!principal.hasAnyRole(ContractService.REGISTRAR, Principal.AUDITOR)) {
            // a district officer: its district's only, in the query (an officer without a district sees none)
            district = principal.district().flatMap(District::parse);
            if (district.isEmpty()) {
                return new OverduePage(List.of(), Optional.empty());
            }
        }
        List<TechContract> page = contracts.overdue(today(clock.instant()), district, after(cursor), limit);
        if (page.size() < limit) {
            return new OverduePage(page, Optional.empty());
        }
        TechContract last = page.get(page.size() - 1);
        return new OverduePage(page, Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.reviewDueOn().orElseThrow() + "|" + last.id()).getBytes(StandardCharsets.UTF_8))));
    }

    /** The page's start: after the contract the cursor names (deadline and id), or the first; 400 on {@code cursor}. */
    private static Optional<ContractRepository.After> after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8)
                    .split("\\|", 2);
            return Optional.of(new ContractRepository.After(LocalDate.parse(parts[0]), parts[1]));
        } catch (IllegalArgumentException | DateTimeException | ArrayIndexOutOfBoundsException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list: pass the nextCursor of the previous page");
        }
    }

    public LocalDate today() {
        return today(clock.instant());
    }

    private TechContract step(Principal principal, String id, String what,
                              Function<TechContract, TechContract.Change> decide) {
        ContractRepository.Stored loaded = contracts.find(id).orElseThrow(() -> ProblemException.notFound("contract", id));
        TechContract.Change change;
        try {
            change = decide.apply(loaded.contract());
        } catch (ContractRuleViolation.IllegalTransition e) {
            throw ProblemException.conflict(e.getMessage()).with("currentStatus", loaded.contract().status().name());
        } catch (ContractRuleViolation e) {
            throw ProblemException.unprocessable(ContractInput.field(e.term()), e.getMessage());
        }
        return writer.update(loaded, change, principal.asActor(), "request:" + what.replace(' ', '-') + ":" + id);
    }

    private static void requireSubmitted(TechContract c) {
        if (c.status() != org.susong.techcontracts.domain.ContractStatus.SUBMITTED) {
            throw new ContractRuleViolation.IllegalTransition("contract " + c.id() + " is " + c.status()
                    + " and cannot be registered (only a SUBMITTED one can)");
        }
    }

    static List<RefusalReason.Refusal> reasons(List<ReasonInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw ProblemException.badRequest("reasons", "name at least one coded reason: "
                    + List.of(RefusalReason.values()));
        }
        List<RefusalReason.Refusal> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ReasonInput in = inputs.get(i);
            String field = "reasons[" + i + "]";
            RefusalReason code;
            try {
                code = RefusalReason.valueOf(in == null || in.code() == null ? "" : in.code().trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(field + ".code", "unknown refusal reason; one of "
                        + List.of(RefusalReason.values()));
            }
            try {
                out.add(new RefusalReason.Refusal(code, in.text()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(field + ".text", e.getMessage());
            }
        }
        return out;
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, BusinessClock.ZONE);
    }
}
