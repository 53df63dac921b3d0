package org.susong.payments.domain;

import org.susong.commons.ids.District;

/**
 * What a principal may see of payments' orders and recoveries (issue 13): everything (city-wide roles),
 * one district's ({@code district}), one
 * beneficiary's ({@code uscc}), either of the two, or nothing. Lists are filtered by it in the query.
 */
public record Scope(boolean all, District district, String uscc) {

    public static final Scope ALL = new Scope(true, null, null);

    /** Sees nothing at all: neither city-wide nor with a district or a USCC. */
    public boolean none() {
        return !all && district == null && uscc == null;
    }
}
