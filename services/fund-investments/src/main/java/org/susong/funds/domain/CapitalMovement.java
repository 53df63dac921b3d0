package org.susong.funds.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.susong.commons.money.Money;

/**
 * A change of a fund's capital by one source, written as an intent first (PENDING) and then APPLIED
 * to the fund's counter, or REFUSED (architecture rule 4, docs/architecture.md#rule-4):
 * <ul>
 *   <li>COMMITMENT - the source commits more; the fund's commitments stay within its target size;</li>
 *   <li>CALL - the fund calls part of what the source committed and has not yet been called;</li>
 *   <li>PAID_IN - the source pays a call in ({@code callId}); once per call (id {@code PAY-<callId>}).
 *       The fund's reserve grows by the reserve share of it, what it may invest by the rest.</li>
 *   <li>RECYCLED - the proceeds of an exit ({@code RCY-<exitId>}, {@code reference} = the investment) become money
 *       the fund may invest again; no source (the money comes back from an enterprise, not from an investor).</li>
 *   <li>MANAGEMENT_FEE - a management fee paid from the fund's reserve ({@code FEE-…}, issue 20 item 9): the reserve
 *       shrinks by it, never below 0; no source (the money leaves the fund to its manager).</li>
 * </ul>
 *
 * @param callId  the call a PAID_IN pays, else null
 * @param dated   the business date of the commitment, the due date of a call, the day money was paid in
 * @param refusal why the fund's counter refused it, null unless REFUSED
 */
public record CapitalMovement(String id, String fundId, Kind kind, CapitalSource source, Money amount, String callId,
                              LocalDate dated, String reference, State state, String actor, Instant createdAt,
                              String refusal, Approval approval) {

    /** A movement without a second approver (every kind but a management fee above the fee limit). */
    public CapitalMovement(String id, String fundId, Kind kind, CapitalSource source, Money amount, String callId,
                           LocalDate dated, String reference, State state, String actor, Instant createdAt,
                           String refusal) {
        this(id, fundId, kind, source, amount, callId, dated, reference, state, actor, createdAt, refusal, null);
    }

    /**
     * Maker-checker of a management fee above {@code susong.funds.fee-second-approval-above-fen} (issue 20 item 9):
     * principal ids, never parts of the actor string.
     *
     * @param requestedBy the user who asked for the fee (the maker)
     * @param approvedBy  the other user who approved it, null while it waits
     */
    public record Approval(String requestedBy, String approvedBy, Instant approvedAt) {
    }

    public enum Kind {
        COMMITMENT,
        CALL,
        PAID_IN,
        RECYCLED,
        MANAGEMENT_FEE,
        /** A management fee refunded into the reserve ({@code RFD-<feeId>}, {@code reference} = the fee), once. */
        FEE_REFUND;

        /** Whether a movement of this kind names a capital source (an investor's money). */
        public boolean sourced() {
            return this != RECYCLED && this != MANAGEMENT_FEE && this != FEE_REFUND;
        }
    }

    public enum State {
        /** A management fee above the fee limit, waiting for a second principal: nothing moves, no lease. */
        AWAITING_APPROVAL,
        PENDING,
        APPLIED,
        REFUSED
    }

    public CapitalMovement {
        Objects.requireNonNull(kind, "kind");
        if (kind.sourced() != (source != null)) {
            throw new IllegalArgumentException("every movement but RECYCLED, MANAGEMENT_FEE and FEE_REFUND names its source");
        }
        if (amount == null || !amount.isPositive()) {
            throw new InvestmentViolation("amountFen", "the amount must be more than 0 fen");
        }
        if ((kind == Kind.PAID_IN) != (callId != null)) {
            throw new IllegalArgumentException("a PAID_IN movement, and only it, names the call it pays");
        }
    }

    /** The deterministic id of the payment of a call: a call is paid in once. */
    public static String paymentId(String callId) {
        return "PAY-" + callId;
    }

    /**
     * The intent to recycle an exit's proceeds into what the fund may invest, written before the exit itself: applied
     * only once the exit is recorded on the investment, refused (and the exit id voided there) otherwise.
     */
    public static CapitalMovement recycling(String exitId, String fundId, String investmentId, Money proceeds,
                                            LocalDate exitedOn, String actor, Instant now) {
        return new CapitalMovement(Investment.Exit.recyclingId(exitId), fundId, Kind.RECYCLED, null, proceeds, null,
                exitedOn, investmentId, State.PENDING, actor, now, null);
    }

    /**
     * The intent to pay a management fee from the fund's reserve (issue 20 item 9), applied only while the reserve holds
     * it.
     *
     * @param dated the day the fee is paid
     */
    public static CapitalMovement managementFee(String id, String fundId, Money amount, LocalDate dated, String reference,
                                                String actor, Instant now) {
        return new CapitalMovement(id, fundId, Kind.MANAGEMENT_FEE, null, amount, null, dated, reference, State.PENDING,
                actor, now, null);
    }

    /** The same fee waiting for a second principal (its maker {@code requestedBy}): no money moves before. */
    public CapitalMovement awaitingApproval(String requestedBy) {
        if (kind != Kind.MANAGEMENT_FEE) {
            throw new IllegalStateException("only a management fee waits for a second approver, not a " + kind);
        }
        return new CapitalMovement(id, fundId, kind, source, amount, callId, dated, reference, State.AWAITING_APPROVAL,
                actor, createdAt, null, new Approval(requestedBy, null, null));
    }

    /** The deterministic id of a fee's refund: a fee is refunded once. */
    public static String refundId(String feeId) {
        return "RFD-" + feeId;
    }

    /**
     * The intent to refund (a part of) an APPLIED management fee into the fund's reserve: never more than the fee, not
     * dated before it.
     *
     * @param amount the part refunded; null = the whole fee
     */
    public static CapitalMovement refundOf(CapitalMovement fee, Money amount, LocalDate dated, String reference,
                                           String actor, Instant now) {
        if (fee.kind != Kind.MANAGEMENT_FEE) {
            throw new InvestmentViolation("feeId", fee.id + " is a " + fee.kind + ", not a management fee");
        }
        if (fee.state != State.APPLIED) {
            throw new InvestmentViolation("feeId", "management fee " + fee.id + " is " + fee.state
                    + ": only an APPLIED fee can be refunded");
        }
        Money refunded = amount == null ? fee.amount : amount;
        if (refunded.greaterThan(fee.amount)) {
            throw new InvestmentViolation("amountFen", "a refund cannot be more than the fee (" + fee.amount + ")");
        }
        if (dated.isBefore(fee.dated)) {
            throw new InvestmentViolation("dated", "a fee cannot be refunded before it was paid (" + fee.dated + ")");
        }
        return new CapitalMovement(refundId(fee.id), fee.fundId, Kind.FEE_REFUND, null, refunded, null, dated,
                fee.id, State.PENDING, actor, now, null);
    }

    /** The exit whose proceeds a RECYCLED movement recycles. */
    public String exitId() {
        if (kind != Kind.RECYCLED) {
            throw new IllegalStateException(id + " is a " + kind + ", not a recycling of exit proceeds");
        }
        return id.substring("RCY-".length());
    }

    /** The money of a call paid in. */
    public static CapitalMovement paymentOf(CapitalMovement call, LocalDate paidOn, String reference, String actor,
                                            Instant now) {
        if (call.kind != Kind.CALL) {
            throw new InvestmentViolation("callId", call.id + " is a " + call.kind + ", not a capital call");
        }
        if (call.state != State.APPLIED) {
            throw new InvestmentViolation("callId", "capital call " + call.id + " is " + call.state + ": only an APPLIED"
                    + " call can be paid in");
        }
        if (paidOn.isBefore(call.createdAt.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate())) {
            throw new InvestmentViolation("paidOn", "money cannot be paid in before the call was made");
        }
        return new CapitalMovement(paymentId(call.id), call.fundId, Kind.PAID_IN, call.source, call.amount, call.id,
                paidOn, reference, State.PENDING, actor, now, null);
    }

    /**
     * The fund's capital moved: a journal entry of the fund's capital.
     *
     * @param reserve what a PAID_IN held back for fees and follow-ons (zero for the other kinds)
     */
    public record Moved(String movementId, String fundId, Kind kind, CapitalSource source, Money amount, String callId,
                        LocalDate dated, Money reserve, Instant appliedAt) {
    }

    /** The applied movement and its journal entry. */
    public record Applied(CapitalMovement movement, Moved event) {
    }

    /** The fund's counter took the movement; {@code reserve} is what a PAID_IN held back. */
    public Applied applied(Money reserve, Instant now) {
        CapitalMovement applied = new CapitalMovement(id, fundId, kind, source, amount, callId, dated, reference,
                State.APPLIED, actor, createdAt, null, approval);
        return new Applied(applied, new Moved(id, fundId, kind, source, amount, callId, dated,
                kind == Kind.PAID_IN ? reserve : Money.ZERO, now));
    }

    public CapitalMovement refused(String reason) {
        return new CapitalMovement(id, fundId, kind, source, amount, callId, dated, reference, State.REFUSED, actor,
                createdAt, reason, approval);
    }
}
