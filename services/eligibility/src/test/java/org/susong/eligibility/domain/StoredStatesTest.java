package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.StoredText;
import org.susong.commons.states.Transitions;

/**
 * Issue 21 item 2: eligibility's states are enums, and the texts stored and published are the ones written before
 * (no data migration, no event schema change). The lists below are the literals the code compared until then.
 */
class StoredStatesTest {

    private static List<String> texts(StoredText[] values) {
        return Arrays.stream(values).map(StoredText::stored).toList();
    }

    @Test
    void theStoredTextsAreTheOnesOfBefore() {
        assertEquals(List.of("APPROVED", "REJECTED", "REVIEW_REQUIRED"), texts(Outcome.values()));
        assertEquals(List.of("OPEN", "AWAITING_SECOND", "REJECTING", "LOWERING", "UPHOLDING", "DONE"), texts(ReviewState.values()));
        assertEquals(List.of("APPROVED", "REJECTED", "UPHELD"), texts(Verdict.values()));
        assertEquals(List.of("PENDING", "APPLIED", "RELEASED"), texts(IntentState.values()));
        assertEquals(List.of("PROPOSED", "CAP_EXHAUSTED", "FINALISED", "CANCELLED"), texts(AwardState.values()));
        assertEquals(List.of("PROPOSED", "PUBLISHED"), texts(MeasureProposal.State.values()));
        assertEquals(List.of("PROPOSED", "APPROVED"), texts(ImportState.values()));
        assertEquals(List.of("YEAR", "PROJECT", "CERTIFICATE"), texts(CapPeriod.values()));
        assertEquals(List.of("GRANT", "INVESTMENT", "EITHER"), texts(DisbursementMode.values()));
        assertEquals(List.of("NONE", "CEL", "MANUAL_REVIEW"), texts(RuleKind.values()));
    }

    @Test
    void aStoredTextReadsBackAndAnUnknownOneIsRefused() {
        assertEquals(ReviewState.AWAITING_SECOND, ReviewState.of("AWAITING_SECOND"));
        assertNull(ReviewState.of(null), "a decision that needs no review has none");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Outcome.of("approved"));
        assertTrue(refused.getMessage().contains("'approved'"), refused.getMessage());
        assertTrue(Verdict.find("MAYBE").isEmpty(), "a command's unknown outcome is empty (its 400), not an exception");
    }

    /** The moves ReviewService makes, each a conditional update in DecisionStates; nothing leaves DONE. */
    @Test
    void aReviewMovesOnlyForward() {
        assertEquals(Set.of(ReviewState.AWAITING_SECOND, ReviewState.REJECTING, ReviewState.LOWERING,
                ReviewState.UPHOLDING, ReviewState.DONE), ReviewState.OPEN.next());
        assertEquals(Set.of(ReviewState.REJECTING, ReviewState.LOWERING, ReviewState.UPHOLDING, ReviewState.DONE),
                ReviewState.AWAITING_SECOND.next());
        assertEquals(Set.of(ReviewState.DONE), ReviewState.REJECTING.next(), "a rejection under way only completes");
        assertEquals(Set.of(ReviewState.DONE), ReviewState.LOWERING.next(), "a lowering under way only completes");
        assertEquals(Set.of(ReviewState.DONE), ReviewState.UPHOLDING.next(), "an uphold under way only completes");
        assertThrows(Transitions.IllegalTransition.class, () -> ReviewState.UPHOLDING.moveTo(ReviewState.REJECTING));
        assertTrue(ReviewState.DONE.isFinal());
        assertThrows(Transitions.IllegalTransition.class, () -> ReviewState.LOWERING.moveTo(ReviewState.REJECTING));
        assertThrows(Transitions.IllegalTransition.class, () -> ReviewState.AWAITING_SECOND.moveTo(ReviewState.AWAITING_SECOND),
                "a maker's approval awaits a checker only from OPEN");
        assertTrue(ReviewState.OPEN.takesUpholding() && ReviewState.AWAITING_SECOND.takesUpholding()
                && ReviewState.UPHOLDING.takesUpholding(), "an uphold under way is finished by its retry");
        assertFalse(ReviewState.REJECTING.takesUpholding() || ReviewState.LOWERING.takesUpholding());
        // an approval that lost its write gives its shares back only where no approval can complete any more
        assertFalse(ReviewState.OPEN.closedToApprovals() || ReviewState.AWAITING_SECOND.closedToApprovals());
        assertTrue(ReviewState.REJECTING.closedToApprovals() && ReviewState.UPHOLDING.closedToApprovals()
                && ReviewState.LOWERING.closedToApprovals() && ReviewState.DONE.closedToApprovals());
    }

    @Test
    void intentsProposalsAndImportsMoveOnce() {
        assertEquals(Set.of(IntentState.APPLIED, IntentState.RELEASED), IntentState.PENDING.next());
        assertEquals(Set.of(IntentState.RELEASED), IntentState.APPLIED.next());
        assertTrue(IntentState.RELEASED.isFinal());
        assertTrue(MeasureProposal.State.PROPOSED.canMoveTo(MeasureProposal.State.PUBLISHED));
        assertTrue(MeasureProposal.State.PUBLISHED.isFinal(), "a proposal is published once");
        assertTrue(ImportState.PROPOSED.canMoveTo(ImportState.APPROVED));
        assertTrue(ImportState.APPROVED.isFinal(), "an import is approved once (a retry applies what is missing)");
    }

    @Test
    void theRewardedPartyIsReadAsBefore() {
        assertEquals(ContractParty.BUYER, ContractParty.rewarded("buyer"));
        assertEquals(ContractParty.BUYER, ContractParty.rewarded("BUYER"));
        assertEquals(ContractParty.SELLER, ContractParty.rewarded("SELLER"));
        assertEquals(ContractParty.SELLER, ContractParty.rewarded(null), "anything but BUYER rewards the seller, as before");
    }
}
