package org.susong.eligibility.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one owner (a decision or proposal id) holds of one cap ledger key: what it asked for, what it
 * was granted, the remaining cap it saw when it took it, the cap's limit, and for a once-only key
 * refused to it, the owner that holds the key ({@code holder}, else null).
 */
public record Award(String ledgerKey, String owner, long requestedFen, long grantedFen, long seenFen, long limitFen,
                    String holder) {

    /**
     * The award as decisions, proposals and intents keep it, a cap share ({@code capShares}, an intent's {@code result}):
     * its fields in that order, the holder only when there is one. A plain map: it is stored as it is and copied from
     * one decision to its re-decision unchanged.
     */
    public Map<String, Object> asShare() {
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("ledgerKey", ledgerKey);
        share.put("owner", owner);
        share.put("requestedFen", requestedFen);
        share.put("grantedFen", grantedFen);
        share.put("seenFen", seenFen);
        share.put("limitFen", limitFen);
        if (holder != null) {
            share.put("holder", holder);
        }
        return share;
    }

    /**
     * A cap share as {@link #asShare} keeps it. The amounts asked and granted are required: a share without them is a
     * fault to surface, never a 0 that would give back or copy a wrong amount; what was seen and the limit read 0 when
     * absent (they explain, they move nothing).
     */
    public static Award of(Map<String, ?> share) {
        return new Award((String) share.get("ledgerKey"), (String) share.get("owner"), required(share, "requestedFen"),
                required(share, "grantedFen"), fen(share, "seenFen"), fen(share, "limitFen"), (String) share.get("holder"));
    }

    private static long fen(Map<String, ?> share, String field) {
        return share.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static long required(Map<String, ?> share, String field) {
        if (share.get(field) instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("cap share of " + share.get("owner") + " on " + share.get("ledgerKey") + ": "
                + field + " is " + (share.get(field) == null ? "missing" : "not a number (" + share.get(field) + ")"));
    }
}
