package org.susong.applications.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of timeline fact the application reads to decide what comes next. {@link Fact#kind()} stays the text kept
 * on the timeline (it also holds kinds that only inform, and those of earlier releases), so a kind is asked with
 * {@link #of(Fact)}; the text of each is its name.
 */
public enum FactKind {
    SUBMITTED,
    DECIDED_APPROVED,
    PAYMENT_INSTRUCTED,
    PAYMENT_DISBURSED,
    PAYMENT_RETURNED,
    PAYMENT_CONVERTED,
    WITHDRAWAL_ACCEPTED;

    /** The prefix of a decision's fact kind: {@code DECIDED_<outcome>} ({@link DecisionOutcome#factKind()}). */
    public static final String DECIDED_PREFIX = "DECIDED_";

    /** The payment facts after which a decision's returned payment is no longer waiting for a corrected account. */
    public static final Set<FactKind> PAYMENT_OUTCOMES = EnumSet.of(PAYMENT_RETURNED, PAYMENT_INSTRUCTED, PAYMENT_DISBURSED,
            PAYMENT_CONVERTED, WITHDRAWAL_ACCEPTED);

    /** Whether the fact is of this kind. */
    public boolean of(Fact fact) {
        return name().equals(fact.kind());
    }

    /** Whether the fact records a decision, whatever its outcome. */
    public static boolean decision(Fact fact) {
        return fact.kind().startsWith(DECIDED_PREFIX);
    }

    /** The payment outcome the fact records, or null for any other fact. */
    public static FactKind paymentOutcome(Fact fact) {
        return PAYMENT_OUTCOMES.stream().filter(k -> k.of(fact)).findFirst().orElse(null);
    }
}
