package org.susong.funds.domain;

import org.susong.commons.ids.FieldCodes;

import java.time.Instant;
import java.time.LocalDate;
import org.susong.commons.ids.District;
import org.susong.commons.ids.UsccOverride;
import org.susong.commons.money.Money;

/**
 * An investment of a fund in an enterprise, written as an intent first (PENDING) and then either
 * COMMITTED, once the fund's counter took it, or REFUSED (architecture rule 4, docs/architecture.md#rule-4); a COMMITTED one may
 * later be EXITED.
 *
 * @param actor        who asked for it ({@code Principal.asActor()}), kept for the event a resumer may emit
 * @param causation    the request (or event) that caused it
 * @param context      where the money went and what the investment follows from
 * @param usccOverride the officer's acceptance of a USCC whose check character fails, or null
 * @param finishedAt   when it was committed or refused, null while PENDING
 * @param refusal      why it was refused, null unless REFUSED
 * @param exit         how the fund left it, null unless EXITED
 * @param approval     the maker-checker record of an investment above the second-approval limit, null below it
 * @param exits        every exit from the position, oldest first: partial exits leave it COMMITTED with the rest
 *                     held; the exit that takes what remains makes it EXITED (and is {@code exit})
 */
public record Investment(String id, String fundId, InvestmentTerms terms, Context context, InvestmentState state,
                         String actor, String causation, Instant createdAt, UsccOverride usccOverride, Instant finishedAt,
                         Refusal refusal, Exit exit, Approval approval, java.util.List<Exit> exits) {

    public Investment {
        exits = exits == null ? (exit == null ? java.util.List.of() : java.util.List.of(exit)) : java.util.List.copyOf(exits);
    }

    /** An investment without partial exits recorded apart (all but the exit paths). */
    public Investment(String id, String fundId, InvestmentTerms terms, Context context, InvestmentState state,
                      String actor, String causation, Instant createdAt, UsccOverride usccOverride, Instant finishedAt,
                      Refusal refusal, Exit exit, Approval approval) {
        this(id, fundId, terms, context, state, actor, causation, createdAt, usccOverride, finishedAt, refusal, exit,
                approval, null);
    }

    /** An investment without a second approval (below the limit, a conversion position). */
    public Investment(String id, String fundId, InvestmentTerms terms, Context context, InvestmentState state,
                      String actor, String causation, Instant createdAt, UsccOverride usccOverride, Instant finishedAt,
                      Refusal refusal, Exit exit) {
        this(id, fundId, terms, context, state, actor, causation, createdAt, usccOverride, finishedAt, refusal, exit, null);
    }

    /**
     * Maker-checker above the second-approval limit: principal ids, never parts of the actor string.
     *
     * @param requestedBy the user who asked for the investment (the maker)
     * @param approvedBy  the other user who approved it, null while it waits
     * @param rejectedBy  the other user who rejected it, null unless REJECTED
     */
    public record Approval(String requestedBy, String approvedBy, Instant approvedAt, String rejectedBy) {

        public Approval(String requestedBy, String approvedBy, Instant approvedAt) {
            this(requestedBy, approvedBy, approvedAt, null);
        }

        /** The approval's own id: one per investment, so a repeated approval is the same one. */
        public static String idOf(String investmentId) {
            return "APR-" + investmentId;
        }
    }

    /**
     * Where the money went and why.
     *
     * @param district                 the enterprise's district, when known
     * @param field                    the enterprise's field as a code ({@link org.susong.commons.ids.FieldCodes#of}), when known
     * @param firstRoundId             for a follow-on: the first round it follows (the root of the chain)
     * @param c3ResearchInfrastructure a follow-on investment in results of large research infrastructure (measure C3)
     * @param infrastructure           which infrastructure (C3), free text, or null
     * @param conversionId             the grant-to-investment conversion (C1/D1) this position comes from, or null
     * @param stageAssumed             the stage was not given and is the fund's default stage (a platform assumption)
     */
    public record Context(District district, String field, String firstRoundId, boolean c3ResearchInfrastructure,
                          String infrastructure, String conversionId, boolean stageAssumed, boolean fromReserve) {

        public static final Context NONE = new Context(null, null, null, false, null, null, false);

        /** A context of an investment paid from the money available. */
        public Context(District district, String field, String firstRoundId, boolean c3ResearchInfrastructure,
                       String infrastructure, String conversionId, boolean stageAssumed) {
            this(district, field, firstRoundId, c3ResearchInfrastructure, infrastructure, conversionId, stageAssumed, false);
        }

        public Context {
            field = field == null || field.isBlank() ? null : FieldCodes.of(field);
            if (c3ResearchInfrastructure && firstRoundId == null) {
                throw new InvestmentViolation("c3ResearchInfrastructure", "a C3 follow-on investment in results of large"
                        + " research infrastructure must name the first round it follows (firstRoundId)");
            }
            if (fromReserve && firstRoundId == null) {
                throw new InvestmentViolation("fromReserve", "only a follow-on (firstRoundId) is drawn from the fund's"
                        + " reserve; a first round is paid from the money available");
            }
        }

        public boolean followOn() {
            return firstRoundId != null;
        }
    }

    /**
     * The fund could not take the investment.
     *
     * @param field     what was at fault: {@code amountFen} (not enough available, fund closed) or
     *                  {@code firstRoundId} (the chain's first round was exited meanwhile)
     * @param available what the fund had available at that moment; null when money was not the reason
     */
    public record Refusal(String field, String reason, Money available) {
    }

    /**
     * How the fund left (a part of) the investment.
     *
     * @param id                          the exit's id ({@code EXT-...}); its proceeds are recycled by the capital
     *                                    movement {@code RCY-<id>}; null on an exit recorded before partial exits
     * @param exitedAmount                the part of the amount invested that left (cost); the whole amount on an
     *                                    exit recorded before partial exits
     * @param realisedMultipleBasisPoints proceeds / exitedAmount x 10000, rounded half up (2.5x = 25000)
     */
    public record Exit(String id, ExitKind kind, LocalDate exitedOn, Money exitedAmount, Money proceeds,
                       long realisedMultipleBasisPoints, String note) {

        /** An exit of the whole position as recorded before partial exits. */
        public Exit(ExitKind kind, LocalDate exitedOn, Money proceeds, long realisedMultipleBasisPoints, String note) {
            this(null, kind, exitedOn, null, proceeds, realisedMultipleBasisPoints, note);
        }

        /** The capital movement that recycles this exit's proceeds into the fund's available money. */
        public static String recyclingId(String exitId) {
            return "RCY-" + exitId;
        }
    }

    /** The part of the amount invested the fund still holds: the amount less every exit's part. */
    public Money held() {
        Money left = terms.amount();
        for (Exit x : exits) {
            left = left.minus(x.exitedAmount() == null ? terms.amount() : x.exitedAmount());
        }
        return left.isNegative() ? Money.ZERO : left;
    }

    /** The part of the amount invested that has left. */
    public Money exitedAmount() {
        return terms.amount().minus(held());
    }

    /** What every exit brought in. */
    public Money proceeds() {
        return exits.stream().map(Exit::proceeds).reduce(Money.ZERO, Money::plus);
    }

    /** The committed investment and the event that announces it. */
    public record Commitment(Investment investment, InvestmentEvent.Committed event) {
    }

    /** The exited investment and the event that announces it. */
    public record Exiting(Investment investment, InvestmentEvent.Exited event) {
    }

    /**
     * The intent to invest, checked against everything but the fund's available money.
     *
     * @param today          the business date (Asia/Shanghai); an investment cannot be dated after it
     * @param overrideReason an officer's reason to accept a USCC whose check character fails
     * @throws UsccOverride.UsccCheckFailed      when the check character fails without an officer's reason
     * @throws InvestmentViolation  when the investment is dated in the future
     */
    public static Investment propose(String id, String fundId, InvestmentTerms terms, Context context, LocalDate today,
                                     String overrideReason, boolean actorIsOfficer, String actor, String causation,
                                     Instant now) {
        if (terms.investedOn().isAfter(today)) {
            throw new InvestmentViolation("investedOn", "an investment cannot be dated after today (" + today
                    + ", Asia/Shanghai)");
        }
        UsccOverride override = UsccOverride.require(terms.enterpriseUscc(), "enterpriseUscc", overrideReason,
                actorIsOfficer, actor);
        return new Investment(id, fundId, terms, context, InvestmentState.PENDING, actor, causation, now, override, null,
                null, null);
    }

    /**
     * Checks that this investment can be the first round of a follow-on in the same enterprise.
     *
     * @throws InvestmentViolation naming {@code firstRoundId} otherwise
     */
    public void acceptsFollowOn(InvestmentTerms followOn) {
        if (state != InvestmentState.COMMITTED) {
            throw new InvestmentViolation("firstRoundId", "investment " + id + " is " + state
                    + ": only a COMMITTED investment can have follow-on rounds");
        }
        if (!terms.enterpriseUscc().equals(followOn.enterpriseUscc())) {
            throw new InvestmentViolation("firstRoundId", "investment " + id + " is in enterprise "
                    + terms.enterpriseUscc().value() + ", not " + followOn.enterpriseUscc().value());
        }
        if (followOn.investedOn().isBefore(terms.investedOn())) {
            throw new InvestmentViolation("investedOn", "a follow-on cannot be dated before its first round ("
                    + terms.investedOn() + ")");
        }
    }

    /** The intent, above the second-approval limit: it waits for another principal's approval before any money moves. */
    public Investment awaitApproval(String requestedBy) {
        requireState(InvestmentState.PENDING, "hold for approval");
        return new Investment(id, fundId, terms, context, InvestmentState.AWAITING_APPROVAL, actor, causation, createdAt,
                usccOverride, null, null, null, new Approval(requestedBy, null, null));
    }

    /**
     * The second approver's approval: the intent becomes PENDING, to be applied to the fund.
     *
     * @throws IllegalTransition unless AWAITING_APPROVAL, or when the approver is the one who asked (maker-checker)
     */
    public Investment approve(String approver, Instant now) {
        requireState(InvestmentState.AWAITING_APPROVAL, "approve");
        if (approval.requestedBy().equals(approver)) {
            throw new IllegalTransition("maker-checker: " + approver + " asked for investment " + id
                    + "; a second, different principal must approve it");
        }
        return new Investment(id, fundId, terms, context, InvestmentState.PENDING, actor, causation, createdAt,
                usccOverride, null, null, null, new Approval(approval.requestedBy(), approver, now));
    }

    /**
     * A second principal turns the waiting investment down (maker-checker: not the one who asked); nothing moved.
     *
     * @throws IllegalTransition unless AWAITING_APPROVAL, or when the rejecter is the one who asked
     */
    public Investment reject(String rejecter, String reason, Instant now) {
        requireState(InvestmentState.AWAITING_APPROVAL, "reject");
        if (approval.requestedBy().equals(rejecter)) {
            throw new IllegalTransition("maker-checker: " + rejecter + " asked for investment " + id
                    + "; a second, different principal must decide on it");
        }
        return new Investment(id, fundId, terms, context, InvestmentState.REJECTED, actor, causation, createdAt,
                usccOverride, now, new Refusal("reason", reason, null), null,
                new Approval(approval.requestedBy(), null, null, rejecter));
    }

    /** No second principal decided on the waiting investment within {@code after}: it expires, nothing moved. */
    public Investment expire(java.time.Duration after, Instant now) {
        requireState(InvestmentState.AWAITING_APPROVAL, "expire");
        return new Investment(id, fundId, terms, context, InvestmentState.EXPIRED, actor, causation, createdAt,
                usccOverride, now, new Refusal("approval", "no second approver within " + after.toDays() + " days", null),
                null, approval);
    }

    /** The event that announces a REFUSED, REJECTED or EXPIRED investment (nothing moved). */
    public InvestmentEvent.Refused refusedEvent() {
        if (refusal == null || finishedAt == null) {
            throw new IllegalStateException("investment " + id + " is " + state + ", not refused");
        }
        return new InvestmentEvent.Refused(id, fundId, terms.enterpriseUscc().value(), terms.amount(), state, refusal,
                approval == null ? null : approval.rejectedBy(), finishedAt);
    }

    /** The first round of the chain this investment belongs to: itself, or the round it follows. */
    public String firstRound() {
        return context.followOn() ? context.firstRoundId() : id;
    }

    /** The fund's counter took the investment. */
    public Commitment commit(Instant now) {
        requireState(InvestmentState.PENDING, "commit");
        Investment committed = new Investment(id, fundId, terms, context, InvestmentState.COMMITTED, actor, causation,
                createdAt, usccOverride, now, null, null, approval);
        return new Commitment(committed, new InvestmentEvent.Committed(id, fundId, terms.enterpriseUscc().value(),
                terms.round(), terms.instrument(), terms.amount(), terms.stakeBasisPoints(), terms.investedOn(),
                terms.stage(), context, now));
    }

    /** The fund's counter refused it. */
    public Investment refuse(String reason, Money available, Instant now) {
        return refuse(new Refusal("amountFen", reason, available), now);
    }

    /** A follow-on whose chain's first round the fund left before the follow-on moved any money. */
    public Investment refuseFollowOn(String reason, Instant now) {
        return refuse(new Refusal("firstRoundId", reason, null), now);
    }

    private Investment refuse(Refusal refusal, Instant now) {
        requireState(InvestmentState.PENDING, "refuse");
        return new Investment(id, fundId, terms, context, InvestmentState.REFUSED, actor, causation, createdAt,
                usccOverride, now, refusal, null, approval);
    }

    /**
     * The fund leaves the investment, or a part of it.
     *
     * @param exitId the exit's own id (the same id twice is one exit)
     * @param part   the part of the amount invested that leaves; null for all that is still held
     * @throws IllegalTransition   unless COMMITTED, or when this exit is recorded already
     * @throws InvestmentViolation when the date is before the investment or after today, proceeds are negative, or the
     *                             part is not more than 0 or more than is held ({@code exitedFen})
     */
    public Exiting exit(String exitId, ExitKind kind, LocalDate exitedOn, Money part, Money proceeds, String note,
                        LocalDate today, Instant now) {
        requireState(InvestmentState.COMMITTED, "exit");
        if (exits.stream().anyMatch(x -> exitId.equals(x.id()))) {
            throw new IllegalTransition("exit " + exitId + " of investment " + id + " is recorded already");
        }
        if (exitedOn.isBefore(terms.investedOn())) {
            throw new InvestmentViolation("exitedOn", "an exit cannot be dated before the investment (" + terms.investedOn()
                    + ")");
        }
        if (exitedOn.isAfter(today)) {
            throw new InvestmentViolation("exitedOn", "an exit cannot be dated after today (" + today + ", Asia/Shanghai)");
        }
        if (proceeds.isNegative()) {
            throw new InvestmentViolation("proceedsFen", "proceeds cannot be negative");
        }
        Money held = held();
        Money exiting = part == null ? held : part;
        if (!exiting.isPositive()) {
            throw new InvestmentViolation("exitedFen", "the part that leaves must be more than 0 fen");
        }
        if (exiting.greaterThan(held)) {
            throw new InvestmentViolation("exitedFen", "the fund holds " + held.fen() + " fen of investment " + id
                    + " (of " + terms.amount().fen() + " invested): no more can leave");
        }
        Exit exit = new Exit(exitId, kind, exitedOn, exiting, proceeds, realisedMultipleBasisPoints(proceeds, exiting),
                note);
        java.util.List<Exit> all = new java.util.ArrayList<>(exits);
        all.add(exit);
        boolean last = exiting.equals(held);
        Investment exited = new Investment(id, fundId, terms, context, last ? InvestmentState.EXITED : state, actor,
                causation, createdAt, usccOverride, finishedAt, null, last ? exit : null, approval, all);
        return new Exiting(exited, new InvestmentEvent.Exited(id, fundId, terms.enterpriseUscc().value(), terms.amount(),
                exit, held.minus(exiting), now));
    }

    /** proceeds / amount in basis points, rounded half up, in integers only. */
    static long realisedMultipleBasisPoints(Money proceeds, Money amount) {
        return Math.addExact(Math.multiplyExact(proceeds.fen(), 2L * Fund.FULL_BASIS_POINTS), amount.fen())
                / (2L * amount.fen());
    }

    private void requireState(InvestmentState required, String action) {
        if (state != required) {
            throw new IllegalTransition("cannot " + action + " investment " + id + ": it is " + state);
        }
    }
}
