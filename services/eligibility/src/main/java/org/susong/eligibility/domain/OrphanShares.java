package org.susong.eligibility.domain;

import java.util.List;
import java.util.Map;

/**
 * A cap share a reviewed decision's owner id holds on a ledger while the decision will never state it: an officer's
 * approval read the review OPEN, an uphold or a rejection of the same decision completed before the approval took its
 * share (so it found nothing to give back), and the approval's process died before its own give-back. Such a share is
 * an orphan once the review is {@linkplain ReviewState#closedToApprovals() closed to approvals} and the decision does
 * not state it ({@code capShares}, owner and ledger key): no approval completes from a closed state (each completes by
 * a write guarded on the OPEN or AWAITING_SECOND it read, and a closed state never returns to either), and the
 * completions a closed state still allows (a rejection, an uphold, a lowering) state none of the owner's own shares,
 * so the share can never come to be stated and giving it back races nothing that would state it.
 */
public final class OrphanShares {

    private OrphanShares() {
    }

    /**
     * Whether {@code owner}'s share on {@code ledgerKey} is an orphan of a decision in review state {@code review} that
     * states {@code stated} (a decision that is not a review, null, never has one).
     */
    public static boolean orphaned(ReviewState review, List<? extends Map<String, Object>> stated, String owner,
                                   String ledgerKey) {
        return closed(review) && stated.stream().noneMatch(share -> owner.equals(share.get("owner"))
                && ledgerKey.equals(share.get("ledgerKey")));
    }

    /**
     * Whether every share {@code owner} holds is an orphan of a decision in review state {@code review} that states
     * {@code stated}: closed to approvals and stating none of the owner's shares (an approval that lost its write gives
     * them all back at once, {@code ReviewService}; the sweeper, {@link #orphaned}, goes ledger by ledger).
     */
    public static boolean allOrphaned(ReviewState review, List<? extends Map<String, Object>> stated, String owner) {
        return closed(review) && stated.stream().noneMatch(share -> owner.equals(share.get("owner")));
    }

    private static boolean closed(ReviewState review) {
        return review != null && review.closedToApprovals();
    }
}
