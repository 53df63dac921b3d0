package org.susong.payments.domain;

import java.util.Set;
import org.susong.commons.ids.District;

/**
 * What a principal may see of payments' orders and recoveries (issue 13): everything (city-wide roles),
 * one district's ({@code district}), one
 * beneficiary's ({@code uscc}), either of the two, or nothing. Lists are filtered by it in the query.
 * {@code movedHere}: the applicants whose last move took them to {@code district} (issue 20 item 6): their orders and
 * recoveries kept in the district they were decided in are read by the officers of the district they are in now.
 */
public record Scope(boolean all, District district, String uscc, Set<String> movedHere) {

    public static final Scope ALL = new Scope(true, null, null);

    public Scope {
        movedHere = movedHere == null ? Set.of() : Set.copyOf(movedHere);
    }

    public Scope(boolean all, District district, String uscc) {
        this(all, district, uscc, Set.of());
    }

    /** The same scope, reading also these applicants' orders and recoveries wherever they were kept. */
    public Scope alsoReading(Set<String> applicants) {
        return new Scope(all, district, uscc, applicants);
    }

    /** Sees nothing at all: neither city-wide nor with a district or a USCC. */
    public boolean none() {
        return !all && district == null && uscc == null;
    }
}
