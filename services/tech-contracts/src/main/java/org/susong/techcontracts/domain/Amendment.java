package org.susong.techcontracts.domain;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * A change to a registered contract's terms (amounts, parties, term…), reviewed like a
 * registration before it applies.
 *
 * @param number  1 for the contract's first amendment
 * @param dueOn   the registry's deadline for its review
 */
public record Amendment(int number, ContractTerms proposed, String reason, LocalDate proposedOn, LocalDate dueOn,
                        boolean expertReview, String proposedBy, Outcome outcome, List<RefusalReason.Refusal> refusals,
                        LocalDate decidedOn) {

    /** Where an amendment stands, stored and shown by its name: PENDING, then decided once. */
    public enum Outcome implements Transitions<Outcome> {
        PENDING,
        APPROVED,
        REFUSED,
        /** The contract was cancelled while the amendment waited. */
        WITHDRAWN;

        @Override
        public Set<Outcome> next() {
            return this == PENDING ? EnumSet.of(APPROVED, REFUSED, WITHDRAWN) : EnumSet.noneOf(Outcome.class);
        }
    }

    public Amendment {
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(outcome, "outcome");
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    Amendment decided(Outcome result, List<RefusalReason.Refusal> reasons, LocalDate on) {
        return new Amendment(number, proposed, reason, proposedOn, dueOn, expertReview, proposedBy, outcome.moveTo(result),
                reasons, on);
    }
}
