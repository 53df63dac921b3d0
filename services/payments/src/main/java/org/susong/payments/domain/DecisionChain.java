package org.susong.payments.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The earlier decisions of an appeal's decision chain, as eligibility names them (docs/events.md,
 * {@code EligibilityDecided.v1}): an application's first decision is {@code D-<applicationId>}, its n-th re-decision
 * {@code D-<applicationId>-R<n>}, and an appeal is always of the chain's latest decision, so round n supersedes round n-1.
 * The event names only that one step ({@code supersedes}); a decision of the chain that payments never took in (dead-
 * lettered, late on another partition) would otherwise cut the chain there, and what an earlier round paid or still pays
 * would not count against the re-decision. Derived from the ids alone, so it needs none of the missing decisions.
 */
public final class DecisionChain {

    private DecisionChain() {
    }

    /**
     * The decisions a re-decision replaces, nearest first: {@code supersedes}, then, when it is a round of the
     * application's chain ({@code D-<applicationId>} or {@code D-<applicationId>-R<k>}), every round before it down to
     * the first decision. A {@code supersedes} of another form (no application, not a round id) is the one step named.
     */
    public static List<String> replacedBy(String applicationId, String supersedes) {
        List<String> chain = new ArrayList<>();
        chain.add(supersedes);
        if (applicationId == null) {
            return chain;
        }
        String root = "D-" + applicationId;
        if (!supersedes.startsWith(root + "-R")) {
            return chain; // the first decision (nothing before it), or not a round of this application
        }
        String round = supersedes.substring(root.length() + 2);
        if (round.isEmpty() || round.length() > 4 || !round.chars().allMatch(c -> c >= '0' && c <= '9')
                || round.startsWith("0")) {
            return chain;
        }
        for (int k = Integer.parseInt(round) - 1; k >= 1; k--) {
            chain.add(root + "-R" + k);
        }
        chain.add(root);
        return chain;
    }
}
