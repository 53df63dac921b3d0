package org.susong.eligibility.domain;

/**
 * What one owner (a decision or proposal id) holds of one cap ledger key: what it asked for, what it
 * was granted, the remaining cap it saw when it took it, the cap's limit, and for a once-only key
 * refused to it, the owner that holds the key ({@code holder}, else null).
 */
public record Award(String ledgerKey, String owner, long requestedFen, long grantedFen, long seenFen, long limitFen,
                    String holder) {
}
