package org.susong.funds.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.susong.commons.ids.UsccOverride;
import org.susong.commons.money.Money;

/**
 * An investment of a fund in an enterprise, written as an intent first (PENDING) and then either
 * COMMITTED, once the fund's counter took it, or REFUSED (architecture rule 4).
 *
 * @param actor        who asked for it ({@code Principal.asActor()}), kept for the event a resumer may emit
 * @param causation    the request that caused it
 * @param usccOverride the officer's acceptance of a USCC whose check character fails, or null
 * @param finishedAt   when it was committed or refused, null while PENDING
 * @param refusal      why it was refused, null unless REFUSED
 */
public record Investment(String id, String fundId, InvestmentTerms terms, InvestmentState state, String actor,
                         String causation, Instant createdAt, UsccOverride usccOverride, Instant finishedAt,
                         Refusal refusal) {

    /** The fund could not take the investment; {@code available} is what it had at that moment. */
    public record Refusal(String reason, Money available) {
    }

    /** The committed investment and the event that announces it. */
    public record Commitment(Investment investment, InvestmentEvent.Committed event) {
    }

    /**
     * The intent to invest, checked against everything but the fund's available money.
     *
     * @param today          the business date (Asia/Shanghai); an investment cannot be dated after it
     * @param overrideReason an officer's reason to accept a USCC whose check character fails
     * @throws UsccOverride.UsccCheckFailed      when the check character fails without an officer's reason
     * @throws InvestmentViolation  when the investment is dated in the future
     */
    public static Investment propose(String id, String fundId, InvestmentTerms terms, LocalDate today,
                                     String overrideReason, boolean actorIsOfficer, String actor, String causation,
                                     Instant now) {
        if (terms.investedOn().isAfter(today)) {
            throw new InvestmentViolation("investedOn", "an investment cannot be dated after today (" + today
                    + ", Asia/Shanghai)");
        }
        UsccOverride override = UsccOverride.require(terms.enterpriseUscc(), "enterpriseUscc", overrideReason,
                actorIsOfficer, actor);
        return new Investment(id, fundId, terms, InvestmentState.PENDING, actor, causation, now, override, null, null);
    }

    /** The fund's counter took the investment. */
    public Commitment commit(Instant now) {
        requirePending("commit");
        Investment committed = new Investment(id, fundId, terms, InvestmentState.COMMITTED, actor, causation, createdAt,
                usccOverride, now, null);
        return new Commitment(committed, new InvestmentEvent.Committed(id, fundId, terms.enterpriseUscc().value(),
                terms.round(), terms.instrument(), terms.amount(), terms.stakeBasisPoints(), terms.investedOn(),
                terms.stage(), now));
    }

    /** The fund's counter refused it. */
    public Investment refuse(String reason, Money available, Instant now) {
        requirePending("refuse");
        return new Investment(id, fundId, terms, InvestmentState.REFUSED, actor, causation, createdAt, usccOverride, now,
                new Refusal(reason, available));
    }

    private void requirePending(String action) {
        if (state != InvestmentState.PENDING) {
            throw new IllegalTransition("cannot " + action + " investment " + id + ": it is already " + state);
        }
    }
}
