package org.susong.payments.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Hashes;
import org.susong.commons.money.Money;

/**
 * The one payment order of an approved decision (id {@code PO-<decisionId>}): the reservation on
 * the budget line and the payment (bank transfer or, for grant-to-investment, a fund conversion)
 * that follows. Transitions are explicit and return the events they cause; an illegal one throws.
 */
public record PaymentOrder(String id, String decisionId, String applicationId, String beneficiaryUscc,
                           String measureCode, int fiscalYear, District district, Money amount, OrderState state,
                           Instant noticeEndsAt, String bankReference, DisbursementMode mode, Conversion conversion,
                           List<String> approvals, Hold hold, String batchId, Payee payee, ReleaseReason releaseReason,
                           OrderState releasedFrom, String investmentId, String returnReason, String offsetRecoveryId,
                           long offsetFen, long releaseFen, String releaseCause, List<String> partReleases,
                           long supersededFen, List<String> dismissedObjections, String settlingBooking,
                           Integer chargedYear, int resends, List<Instruction> instructions) {

    /** Why an order was reopened ({@code PaymentOrderReopened.v1}): the bank returned the payment; it is sent again. */
    public static final String REOPENED_RETURNED = "RETURNED";
    /** The bank rejected the transfer (pain.002 RJCT). */
    public static final String REOPENED_REJECTED = "REJECTED";
    /** Its file was voided (two people, with the bank's recall). */
    public static final String REOPENED_VOIDED = "VOIDED";
    /** Batched by a replica after the file was fixed without it. */
    public static final String REOPENED_NOT_IN_FILE = "NOT_IN_FILE";
    /** pain.001's EndToEndId: at most 35 characters. */
    public static final int MAX_END_TO_END = 35;

    public PaymentOrder {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        partReleases = partReleases == null ? List.of() : List.copyOf(partReleases);
        dismissedObjections = dismissedObjections == null ? List.of() : List.copyOf(dismissedObjections);
        instructions = instructions == null ? List.of() : List.copyOf(instructions);
    }

    /** The district's code as events and the store carry it ({@code HULI}); null when the order has none. */
    public String districtCode() {
        return district == null ? null : district.name();
    }

    public static String idFor(String decisionId) {
        return "PO-" + decisionId;
    }

    public static PaymentOrder open(String decisionId, String applicationId, String beneficiaryUscc, String measureCode,
                                    int fiscalYear, String district, Money amount) {
        return open(decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear, district, amount, null);
    }

    /** A new order; {@code conversion} non-null makes it a grant-to-investment order (no bank transfer). */
    public static PaymentOrder open(String decisionId, String applicationId, String beneficiaryUscc, String measureCode,
                                    int fiscalYear, String district, Money amount, Conversion conversion) {
        return open(decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear, district, amount, conversion, 0);
    }

    /**
     * A new order of a decision that re-decided others on appeal, {@code supersededFen} of whose amount the orders of
     * the superseded decisions pay (paid or past release): this order carries only the rest, {@code amount}.
     */
    public static PaymentOrder open(String decisionId, String applicationId, String beneficiaryUscc, String measureCode,
                                    int fiscalYear, String district, Money amount, Conversion conversion, long supersededFen) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment order needs a positive amount, not " + amount);
        }
        return new PaymentOrder(idFor(decisionId), decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear,
                District.parse(district).orElse(null), amount, OrderState.RESERVING, null, null,
                conversion == null ? DisbursementMode.GRANT : DisbursementMode.INVESTMENT, conversion,
                List.of(), null, null, null, null, null, null, null, null, 0, 0, null, List.of(), supersededFen, List.of(), null, null,
                0, List.of());
    }

    /**
     * How much of its decision chain's award this order and the orders it replaced pay or have paid: nothing of a
     * released order (its reservation went back), of a returned one only what was withheld against a recovery (the
     * bank sent the transfer back), the amount less a partial release in progress otherwise.
     */
    public long chainFen() {
        long own = switch (state) {
            case RELEASED -> 0;
            case RELEASING -> releaseFen == 0 ? 0 : amount.fen() - releaseFen;
            // an offset withheld from a returned payment is given back to the debt with the return (issue 20 item 3):
            // a RETURNED order pays nothing until it is re-sent; one being re-sent is about to pay its whole amount
            case RETURNING, RETURNED -> offsetFen;
            case RESENDING -> amount.fen();
            default -> amount.fen();
        };
        return supersededFen + own;
    }

    /**
     * The budget line this order is charged to: its decision's fiscal year and measure, or the year a year-end close
     * carried it over into ({@code chargedYear}).
     */
    public String budgetLineId() {
        return chargedToYear() + ":" + measureCode;
    }

    /** The fiscal year whose line this order is charged to: its decision's, unless a year-end close carried it over. */
    public int chargedToYear() {
        return chargedYear == null ? fiscalYear : chargedYear;
    }

    /**
     * A year-end close carries this unpaid order (waitlisted, or holding its reservation) over into {@code toYear}'s line
     * of its measure: the same state, charged to the new line; {@code out} and {@code in} are the journal entries of the
     * reservation moved between the lines (none for a waitlisted order: it holds no money yet).
     */
    public PaymentEvent.CarriedOver carriedOver(int toYear, JournalEntry out, JournalEntry in) {
        if (state != OrderState.WAITLISTED && !OrderState.HOLDS_RESERVATION.contains(state) && state != OrderState.BATCHED
                && state != OrderState.INSTRUCTED) {
            throw new IllegalStateException("order " + id + " is " + state + ": only an unpaid order is carried over");
        }
        if (toYear <= chargedToYear()) {
            throw new IllegalArgumentException("order " + id + " is carried forward, not into " + toYear);
        }
        return new PaymentEvent.CarriedOver(copy().chargedYear(toYear).build(), out, in);
    }

    /** What the bank transfers: the amount less what is offset against an open recovery of the beneficiary. */
    public long transferFen() {
        return amount.fen() - offsetFen;
    }

    public boolean investment() {
        return mode == DisbursementMode.INVESTMENT;
    }

    /** Whether the line holds a reservation for this order right now (its money is reserved, not yet paid). */
    public boolean holdsReservation() {
        return OrderState.HOLDS_RESERVATION.contains(state) || state == OrderState.BATCHED || state == OrderState.INSTRUCTED
                || state == OrderState.CONVERTING || state == OrderState.SETTLING
                || (state == OrderState.RELEASING && releasedFrom != null && OrderState.HOLDS_RESERVATION.contains(releasedFrom));
    }

    public PaymentEvent.BudgetReserved reserved(Instant noticeEndsAt, JournalEntry entry) {
        require(OrderState.RESERVING);
        return new PaymentEvent.BudgetReserved(copy().state(OrderState.IN_NOTICE).notice(noticeEndsAt).build(), noticeEndsAt,
                entry);
    }

    public PaymentEvent.BudgetWaitlisted waitlisted(String reason) {
        require(OrderState.RESERVING);
        return new PaymentEvent.BudgetWaitlisted(copy().state(OrderState.WAITLISTED).build(), reason);
    }

    /** The line grew: a waitlisted order is claimed for another reservation attempt (FIFO). */
    public PaymentOrder retryReservation() {
        require(OrderState.WAITLISTED);
        return copy().state(OrderState.RESERVING).build();
    }

    /** After the notice: automatic approval below the threshold, otherwise one or two finance officers. */
    public PaymentOrder awaitingApproval() {
        require(OrderState.IN_NOTICE);
        return copy().state(OrderState.AWAITING_APPROVAL).build();
    }

    /**
     * One officer's approval (maker-checker): the order is approved once {@code required} different
     * officers approved it. The same officer twice is refused.
     *
     * @return the event when this approval completes it, otherwise null (the order records the approval)
     */
    public Approval approve(String officer, int required) {
        require(OrderState.IN_NOTICE, OrderState.AWAITING_APPROVAL);
        if (approvals.contains(officer)) {
            throw new SameOfficer(id, officer);
        }
        List<String> all = new ArrayList<>(approvals);
        all.add(officer);
        if (all.size() < required) {
            return new Approval(copy().state(OrderState.AWAITING_APPROVAL).approvals(all).build(), null);
        }
        PaymentOrder approved = copy().state(OrderState.APPROVED).approvals(all).build();
        return new Approval(approved, new PaymentEvent.PaymentApproved(approved, String.join(",", all)));
    }

    public PaymentEvent.PaymentOnHold hold(Hold hold) {
        require(OrderState.OBJECTABLE.toArray(OrderState[]::new));
        if (hold.by() != null && dismissedObjections.contains(grounds(hold.by(), hold.reason()))) {
            throw new SameGrounds(id, hold.by());
        }
        return new PaymentEvent.PaymentOnHold(copy().state(OrderState.ON_HOLD).hold(new Hold(hold.id(), hold.reason(), hold.by(),
                hold.at(), state)).build());
    }

    /**
     * The objection was dismissed: the order goes back where it was held, and remembers who objected on which grounds
     * (the same person's same grounds again are refused: {@link SameGrounds}).
     */
    public PaymentOrder dismissHold() {
        require(OrderState.ON_HOLD);
        List<String> dismissed = new ArrayList<>(dismissedObjections);
        if (hold.by() != null) {
            dismissed.add(grounds(hold.by(), hold.reason()));
        }
        if (hold.from() == OrderState.CONVERTING) {
            return copy().state(OrderState.APPROVED).mode(DisbursementMode.GRANT).dismissed(dismissed).build();
        }
        return copy().state(hold.from() == null ? OrderState.AWAITING_APPROVAL : hold.from()).dismissed(dismissed).build();
    }

    /** Who objected on which grounds: the principal id and the reason without case or extra spaces. */
    static String grounds(String by, String reason) {
        return by + "\n" + (reason == null ? "" : reason.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT));
    }

    /** Starts a release (intent first): the money goes back to the line, then {@link #released}. */
    public PaymentOrder releasing(ReleaseReason reason) {
        require(OrderState.RELEASABLE.toArray(OrderState[]::new));
        return copy().state(OrderState.RELEASING).releaseReason(reason).releasedFrom(state).build();
    }

    /**
     * A partial revocation (intent first): {@code fen} of the order goes back to the line, the rest stays
     * where it was ({@link #partlyReleased}). The whole amount or more is a whole release ({@link #releasing}).
     */
    public PaymentOrder releasingPart(ReleaseReason reason, long fen, String cause) {
        require(OrderState.RELEASABLE.toArray(OrderState[]::new));
        if (fen <= 0 || fen >= amount.fen()) {
            throw new IllegalArgumentException("a partial release of " + fen + " fen of " + amount + " is not partial");
        }
        if (cause == null || partReleases.contains(cause)) {
            throw new IllegalArgumentException("order " + id + " was already released in part for " + cause);
        }
        List<String> causes = new ArrayList<>(partReleases);
        causes.add(cause);
        // the cause is recorded with the intent, in one write: the order itself knows it was cut for this revocation
        return copy().state(OrderState.RELEASING).releaseReason(reason).releasedFrom(state).releaseFen(fen).releaseCause(cause)
                .partReleases(causes).build();
    }

    /** This order was (or is being) released in part for {@code cause} (a revocation id): never again for it. */
    public boolean releasedPartFor(String cause) {
        return cause != null && partReleases.contains(cause);
    }

    /** The partial release is done: the order goes on, where it was, with the amount less what was released. */
    public PaymentEvent.BudgetReleased partlyReleased(Instant at, JournalEntry entry) {
        require(OrderState.RELEASING);
        if (releaseFen <= 0) {
            throw new IllegalTransition(id, state, OrderState.RELEASING);
        }
        PaymentOrder rest = copy().state(releasedFrom).amount(Money.ofFen(amount.fen() - releaseFen)).releaseReason(null)
                .releasedFrom(null).releaseFen(0).releaseCause(null).build();
        return new PaymentEvent.BudgetReleased(rest, releaseReason, at, entry, releaseFen, releaseCause);
    }

    /**
     * Taken away before its decision arrived (the application withdrawn, the decision superseded on appeal): nothing is
     * reserved, the order is released at once for {@code reason}.
     */
    public PaymentOrder releasedBeforeReservation(ReleaseReason reason) {
        require(OrderState.RESERVING);
        return copy().state(OrderState.RELEASING).releaseReason(reason).releasedFrom(null).build();
    }

    public PaymentEvent.BudgetReleased released(Instant at, JournalEntry entry) {
        require(OrderState.RELEASING);
        return new PaymentEvent.BudgetReleased(copy().state(OrderState.RELEASED).build(), releaseReason, at, entry, amount.fen(), null);
    }

    public PaymentOrder awaitingPayee() {
        require(OrderState.APPROVED);
        return copy().state(OrderState.AWAITING_PAYEE).build();
    }

    public PaymentOrder payeeHeld() {
        require(OrderState.AWAITING_PAYEE);
        return copy().state(OrderState.APPROVED).build();
    }

    public PaymentOrder batched(String batchId, Payee payee) {
        return batched(batchId, payee, offsetRecoveryId, offsetFen);
    }

    /** Into a batch; {@code offsetFen} of it is withheld for the beneficiary's open recovery (transferred: the rest). */
    public PaymentOrder batched(String batchId, Payee payee, String recoveryId, long offset) {
        require(OrderState.APPROVED);
        if (investment()) {
            throw new IllegalTransition(id, state, OrderState.APPROVED);
        }
        if (offset < 0 || offset >= amount.fen()) {
            throw new IllegalArgumentException("an offset of " + offset + " fen leaves nothing to transfer of " + amount);
        }
        return copy().state(OrderState.BATCHED).batchId(batchId).payee(payee).offset(recoveryId, offset).build();
    }

    /** The whole amount is offset against the beneficiary's open recovery: no bank transfer, booked at once. */
    public PaymentOrder settledByOffset(String recoveryId) {
        require(OrderState.APPROVED);
        if (investment()) {
            throw new IllegalTransition(id, state, OrderState.APPROVED);
        }
        return copy().state(OrderState.SETTLING).offset(recoveryId, amount.fen()).build();
    }

    /** Out of its batch again (a straggler, a voided file, a bank rejection): approved, waiting for the next batch. */
    public PaymentOrder reopened() {
        require(OrderState.BATCHED, OrderState.INSTRUCTED);
        return copy().state(OrderState.APPROVED).batchId(null).bankReference(null).build();
    }

    public PaymentEvent.PaymentInstructed instructed(String reference) {
        require(OrderState.BATCHED);
        return new PaymentEvent.PaymentInstructed(copy().state(OrderState.INSTRUCTED).bankReference(reference).build(), reference);
    }

    public PaymentOrder confirmedByBank() {
        return confirmedByBank(null);
    }

    /**
     * The bank booked the transfer; {@code booking} (the statement entry's reference) is kept on the order, in the
     * same write, so that the booking reported again is told from a second debit (a duplicate payment).
     */
    public PaymentOrder confirmedByBank(String booking) {
        require(OrderState.INSTRUCTED);
        return copy().state(OrderState.SETTLING).settlingBooking(booking).build();
    }

    /** Booked: a bank payment is disbursed, a conversion is closed as an investment. */
    public PaymentEvent settled(Instant at, JournalEntry entry) {
        return settled(at, entry, null);
    }

    /** Booked, with the journal entry of the offset repayment when part of it was withheld for a recovery. */
    public PaymentEvent settled(Instant at, JournalEntry entry, JournalEntry offset) {
        require(OrderState.SETTLING);
        if (investmentId != null) {
            return new PaymentEvent.PaymentConverted(copy().state(OrderState.CONVERTED).build(), at, entry);
        }
        return new PaymentEvent.PaymentDisbursed(copy().state(OrderState.SETTLED).build(), at, entry, offset);
    }

    public PaymentOrder returning(String reason) {
        require(OrderState.SETTLED);
        return copy().state(OrderState.RETURNING).returnReason(reason).build();
    }

    public PaymentEvent.PaymentReturned returned(Instant at, JournalEntry entry) {
        return returned(at, entry, null);
    }

    /**
     * The return is booked: {@code entry} gives the whole amount back to the line (what the bank returned and what was
     * withheld for a recovery), {@code offsetBack} (or null) the withheld part back to the recovery as a receivable. The
     * instruction the bank returned is kept ({@link #instructions}), the offset is no longer on the order.
     */
    public PaymentEvent.PaymentReturned returned(Instant at, JournalEntry entry, JournalEntry offsetBack) {
        require(OrderState.RETURNING);
        List<Instruction> all = new ArrayList<>(instructions);
        all.add(new Instruction(endToEndId(), batchId, transferFen(), settlingBooking, offsetRecoveryId, offsetFen, payee));
        return new PaymentEvent.PaymentReturned(copy().state(OrderState.RETURNED).instructions(all).offset(null, 0).build(),
                returnReason, at, entry, offsetBack);
    }

    /**
     * A returned order is instructed again (intent first): the line is charged again under {@link #attemptKey()} of the
     * new attempt, then {@link #resent}. Its end-to-end id is a new one ({@link #endToEndId()} of the next attempt).
     */
    public PaymentOrder resending() {
        require(OrderState.RETURNED);
        return copy().state(OrderState.RESENDING).resends(resends + 1).batchId(null).bankReference(null).settlingBooking(null)
                .build();
    }

    /** The line is charged again: the order is approved for the next batch, reopened ({@code RETURNED}). */
    public PaymentEvent.OrderReopened resent(Instant at, JournalEntry reservation) {
        require(OrderState.RESENDING);
        PaymentOrder next = copy().state(OrderState.APPROVED).returnReason(null).build();
        return new PaymentEvent.OrderReopened(next, REOPENED_RETURNED, lastInstruction().map(Instruction::endToEndId).orElse(null),
                lastInstruction().map(Instruction::batchId).orElse(null), at, reservation);
    }

    /** A re-send that must not go on (an appeal or a revocation took the award meanwhile): returned, as it was. */
    public PaymentOrder resendWithdrawn() {
        require(OrderState.RESENDING);
        Optional<Instruction> last = lastInstruction();
        return copy().state(OrderState.RETURNED).resends(resends - 1).batchId(last.map(Instruction::batchId).orElse(null))
                .bankReference(last.map(Instruction::endToEndId).orElse(null))
                .settlingBooking(last.map(Instruction::settlingBooking).orElse(null)).build();
    }

    private Optional<Instruction> lastInstruction() {
        return instructions.isEmpty() ? Optional.empty() : Optional.of(instructions.get(instructions.size() - 1));
    }

    /**
     * The end-to-end id of this order's current (or next) bank instruction: the order id (or {@code E2E-} and a hash of it
     * past 35 characters) for the first, {@code RS<n>-} and a hash of the order id and n for the n-th re-send (never an
     * order id: those start with {@code PO-}); deterministic, at most 35 characters.
     */
    public String endToEndId() {
        return endToEndIdOf(id, resends);
    }

    /** See {@link #endToEndId()}. */
    public static String endToEndIdOf(String orderId, int resends) {
        if (resends == 0) {
            return orderId.length() <= MAX_END_TO_END ? orderId
                    : "E2E-" + Hashes.sha256(orderId).substring(0, MAX_END_TO_END - 4);
        }
        String prefix = "RS" + resends + "-";
        return prefix + Hashes.sha256(orderId + "#" + resends).substring(0, MAX_END_TO_END - prefix.length());
    }

    /**
     * The key of this attempt's line intents and journal entries: the order id for the first instruction,
     * {@code <id>:R<n>} after n re-sends (an id of an earlier attempt left on a line by a crash never stops a later one).
     */
    public String attemptKey() {
        return resends == 0 ? id : id + ":R" + resends;
    }

    /** The instruction the bank returned that this end-to-end id names (kept after the return), if any. */
    public Optional<Instruction> returnedInstruction(String endToEndId) {
        if (endToEndId == null) {
            return Optional.empty();
        }
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (endToEndId.equals(instructions.get(i).endToEndId())) {
                return Optional.of(instructions.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * What this order's transfer in the file of {@code batch} was: a returned instruction of that file as it was kept,
     * else the current one (so an old file still rebuilds to its hash after the order was sent again).
     */
    public Instruction instructionIn(String batch) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i).batchId() != null && instructions.get(i).batchId().equals(batch)) {
                return instructions.get(i);
            }
        }
        return new Instruction(endToEndId(), batchId, transferFen(), settlingBooking, offsetRecoveryId, offsetFen, payee);
    }

    /**
     * Out of its bank file again, announced ({@code PaymentOrderReopened}): {@code reason} {@link #REOPENED_REJECTED} (a
     * pain.002), {@link #REOPENED_VOIDED} (its file voided) or {@link #REOPENED_NOT_IN_FILE} (a straggler batched after
     * the file was fixed).
     */
    public PaymentEvent.OrderReopened reopened(String reason, Instant at) {
        String endToEnd = endToEndId();
        String file = batchId;
        return new PaymentEvent.OrderReopened(reopened(), reason, endToEnd, file, at, null);
    }

    public PaymentEvent.ConversionRequested conversionRequested(Instant at) {
        require(OrderState.APPROVED);
        if (!investment()) {
            throw new IllegalTransition(id, state, OrderState.APPROVED);
        }
        return new PaymentEvent.ConversionRequested(copy().state(OrderState.CONVERTING).build(), at);
    }

    public PaymentOrder converted(String investment) {
        require(OrderState.CONVERTING);
        return copy().state(OrderState.SETTLING).investmentId(investment).build();
    }

    /** The fund refused: fallback GRANT pays it as a grant through the bank; HOLD holds it for a decision. */
    public PaymentOrder conversionRejected(String reason, Instant at) {
        require(OrderState.CONVERTING);
        if (conversion != null && Conversion.GRANT.equals(conversion.fallback())) {
            return copy().state(OrderState.APPROVED).mode(DisbursementMode.GRANT).build();
        }
        return copy().state(OrderState.ON_HOLD).hold(new Hold("CR-" + id, "conversion rejected: " + reason, "fund-investments",
                at, OrderState.CONVERTING)).build();
    }

    private void require(OrderState... allowed) {
        for (OrderState s : allowed) {
            if (this.state == s) {
                return;
            }
        }
        throw new IllegalTransition(id, state, allowed);
    }

    private Builder copy() {
        return new Builder(this);
    }

    /** An approval and, when it completed the order's approvals, its event. */
    public record Approval(PaymentOrder order, PaymentEvent.PaymentApproved event) {
    }

    /** A transition the order's state does not allow; REST answers 409. */
    public static final class IllegalTransition extends RuntimeException {
        public IllegalTransition(String id, OrderState state, OrderState... allowed) {
            super("payment order " + id + " is " + state + "; this needs " + java.util.Arrays.toString(allowed));
        }
    }

    /** An objection dismissed before, by the same person on the same grounds: new grounds are needed; REST answers 409. */
    public static final class SameGrounds extends RuntimeException {
        public SameGrounds(String id, String by) {
            super(by + " objected to payment order " + id + " on these grounds before and the objection was dismissed; an"
                    + " objection again needs new grounds");
        }
    }

    /** A hold is resolved by someone else than the objector (issue 23); REST answers 409. */
    public static final class ObjectorResolves extends RuntimeException {
        public ObjectorResolves(String id, String by) {
            super(by + " raised the objection that holds payment order " + id + "; another officer of its district resolves it");
        }
    }

    /** Maker-checker: an officer who already approved cannot give the second approval; REST answers 409. */
    public static final class SameOfficer extends RuntimeException {
        public SameOfficer(String id, String officer) {
            super("officer " + officer + " already approved payment order " + id + "; a second, different finance officer"
                    + " must approve it");
        }
    }

    private static final class Builder {
        private final PaymentOrder o;
        private OrderState state;
        private Instant notice;
        private String reference;
        private DisbursementMode mode;
        private List<String> approvals;
        private Hold hold;
        private String batchId;
        private Payee payee;
        private ReleaseReason releaseReason;
        private OrderState releasedFrom;
        private String investmentId;
        private String returnReason;
        private String offsetRecoveryId;
        private long offsetFen;
        private Money amount;
        private long releaseFen;
        private String releaseCause;
        private List<String> partReleases;
        private List<String> dismissed;
        private String settlingBooking;
        private Integer chargedYear;
        private int resends;
        private List<Instruction> instructions;

        Builder(PaymentOrder o) {
            this.o = o;
            state = o.state;
            notice = o.noticeEndsAt;
            reference = o.bankReference;
            mode = o.mode;
            approvals = o.approvals;
            hold = o.hold;
            batchId = o.batchId;
            payee = o.payee;
            releaseReason = o.releaseReason;
            releasedFrom = o.releasedFrom;
            investmentId = o.investmentId;
            returnReason = o.returnReason;
            offsetRecoveryId = o.offsetRecoveryId;
            offsetFen = o.offsetFen;
            amount = o.amount;
            releaseFen = o.releaseFen;
            releaseCause = o.releaseCause;
            partReleases = o.partReleases;
            dismissed = o.dismissedObjections;
            settlingBooking = o.settlingBooking;
            chargedYear = o.chargedYear;
            resends = o.resends;
            instructions = o.instructions;
        }

        Builder state(OrderState s) { state = s; return this; }
        Builder notice(Instant n) { notice = n; return this; }
        Builder bankReference(String r) { reference = r; return this; }
        Builder mode(DisbursementMode m) { mode = m; return this; }
        Builder approvals(List<String> a) { approvals = a; return this; }
        Builder hold(Hold h) { hold = h; return this; }
        Builder batchId(String b) { batchId = b; return this; }
        Builder payee(Payee p) { payee = p; return this; }
        Builder releaseReason(ReleaseReason r) { releaseReason = r; return this; }
        Builder releasedFrom(OrderState s) { releasedFrom = s; return this; }
        Builder investmentId(String i) { investmentId = i; return this; }
        Builder returnReason(String r) { returnReason = r; return this; }
        Builder offset(String recovery, long fen) { offsetRecoveryId = recovery; offsetFen = fen; return this; }
        Builder amount(Money a) { amount = a; return this; }
        Builder releaseFen(long fen) { releaseFen = fen; return this; }
        Builder releaseCause(String c) { releaseCause = c; return this; }
        Builder partReleases(List<String> causes) { partReleases = causes; return this; }
        Builder dismissed(List<String> objections) { dismissed = objections; return this; }
        Builder settlingBooking(String booking) { settlingBooking = booking; return this; }
        Builder chargedYear(int year) { chargedYear = year; return this; }
        Builder resends(int n) { resends = n; return this; }
        Builder instructions(List<Instruction> i) { instructions = i; return this; }

        PaymentOrder build() {
            return new PaymentOrder(o.id, o.decisionId, o.applicationId, o.beneficiaryUscc, o.measureCode, o.fiscalYear,
                    o.district, amount, state, notice, reference, mode, o.conversion, approvals, hold, batchId, payee,
                    releaseReason, releasedFrom, investmentId, returnReason, offsetRecoveryId, offsetFen, releaseFen, releaseCause,
                    partReleases, o.supersededFen, dismissed, settlingBooking, chargedYear, resends, instructions);
        }
    }
}
