package org.susong.payments.application;

import org.susong.payments.domain.ReleaseReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.susong.commons.ids.Ids;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.Hold;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.PayeeRepository;

/**
 * Public notice (公示), objections and approval. After the notice an order is approved
 * automatically up to {@code auto-approve-max-fen}; above it one finance officer approves, and above
 * {@code dual-approval-above-fen} two different ones (maker-checker). Approved grants wait for their
 * payee snapshot; approved investments ask fund-investments for the conversion.
 */
@ApplicationScoped
public class ApprovalService {

    public static final String UPHELD = "UPHELD";
    public static final String DISMISSED = "DISMISSED";

    /** The outcome of one order in a bulk approval. */
    public record BulkResult(List<String> approved, List<String> recorded, List<Refusal> refused) {
    }

    public record Refusal(String orderId, String reason) {
    }

    private final OrderRepository orders;
    private final PayeeRepository payees;
    private final OrderMoves moves;
    private final OrderService service;
    private final Clock clock;
    private final PaymentsConfig config;

    ApprovalService(OrderRepository orders, PayeeRepository payees, OrderMoves moves, OrderService service, Clock clock,
                    PaymentsConfig config) {
        this.orders = orders;
        this.payees = payees;
        this.moves = moves;
        this.service = service;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Notice over: approve automatically up to the threshold, otherwise wait for officers. All the round's orders in one
     * bulk write, each conditional on its own state and version; an order another writer moved first is left as it is.
     */
    public void endNotices() {
        OrderMoves.Bulk round = moves.bulk();
        for (OrderRepository.Stored stored : RoundFaults.inState(OrderState.IN_NOTICE, orders.inState(OrderState.IN_NOTICE, 500))) {
            PaymentOrder order = stored.order();
            if (order.noticeEndsAt() != null && order.noticeEndsAt().isAfter(clock.instant())) {
                continue;
            }
            if (order.amount().fen() <= config.autoApproveMaxFen()) {
                round.move(stored, order.approve("system (automatic below threshold)", 1).event(), OrderService.SYSTEM,
                        "notice-ended");
            } else {
                round.change(stored, order.awaitingApproval());
            }
        }
        round.apply();
    }

    /** How many different finance officers must approve an order of this amount. */
    public int approvalsRequired(PaymentOrder order) {
        return order.amount().fen() > config.dualApprovalAboveFen() ? 2 : 1;
    }

    /**
     * A finance officer approves. Throws {@link PaymentOrder.SameOfficer} when the officer approved it
     * already, {@link PaymentOrder.IllegalTransition} when the order is not waiting for approval.
     */
    public PaymentOrder approve(String orderId, String officer, String actor) {
        OrderRepository.Stored stored = service.stored(orderId);
        PaymentOrder order = stored.order();
        if (order.state() == OrderState.IN_NOTICE && order.noticeEndsAt() != null && order.noticeEndsAt().isAfter(clock.instant())) {
            throw new PaymentOrder.IllegalTransition(orderId, order.state(), OrderState.AWAITING_APPROVAL);
        }
        PaymentOrder.Approval approval = order.approve(officer, approvalsRequired(order));
        boolean written = approval.event() == null ? moves.change(stored, approval.order())
                : moves.move(stored, approval.event(), actor, "approval:" + officer);
        if (!written) {
            // someone else moved it meanwhile: judge again on what it is now
            return approve(orderId, officer, actor);
        }
        return approval.order();
    }

    /** Approves every order awaiting approval that the filter selects, as this officer; reports each. */
    public BulkResult approveAll(Predicate<PaymentOrder> filter, String officer, String actor) {
        List<String> approved = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (PaymentOrder candidate : orders.inStates(List.of(OrderState.AWAITING_APPROVAL), 0)) {
            if (!filter.test(candidate)) {
                continue;
            }
            try {
                PaymentOrder result = approve(candidate.id(), officer, actor);
                (result.state() == OrderState.APPROVED ? approved : recorded).add(candidate.id());
            } catch (PaymentOrder.SameOfficer | PaymentOrder.IllegalTransition e) {
                refused.add(new Refusal(candidate.id(), e.getMessage()));
            }
        }
        return new BulkResult(approved, recorded, refused);
    }

    /** An objection during (or after) the notice puts the order on hold for review. */
    public PaymentOrder object(String orderId, String reason, String by, String actor) {
        OrderRepository.Stored stored = service.stored(orderId);
        Instant now = clock.instant();
        var held = stored.order().hold(new Hold(Ids.newId("OB", clock), reason, by, now, null));
        if (!moves.move(stored, held, actor, "objection")) {
            return object(orderId, reason, by, actor);
        }
        return held.order();
    }

    /**
     * Resolves a hold: UPHELD releases the order (the money goes back to the line); DISMISSED returns it
     * to where it was held (a held conversion is then paid as a grant).
     */
    public PaymentOrder resolve(String orderId, String holdId, String outcome, String user, String actor) {
        OrderRepository.Stored stored = service.stored(orderId);
        PaymentOrder order = stored.order();
        if (order.state() != OrderState.ON_HOLD || order.hold() == null || !order.hold().id().equals(holdId)) {
            throw new PaymentOrder.IllegalTransition(orderId, order.state(), OrderState.ON_HOLD);
        }
        if (user.equals(order.hold().by())) {
            throw new PaymentOrder.ObjectorResolves(orderId, user);
        }
        if (UPHELD.equals(outcome)) {
            ReleaseReason reason = order.hold().from() == OrderState.CONVERTING ? ReleaseReason.CONVERSION_REJECTED
                    : ReleaseReason.OBJECTION_UPHELD;
            if (!service.startRelease(stored, reason, actor, "hold:" + holdId)) {
                return resolve(orderId, holdId, outcome, user, actor);
            }
        } else if (!moves.change(stored, order.dismissHold())) {
            return resolve(orderId, holdId, outcome, user, actor);
        }
        return service.stored(orderId).order();
    }

    /**
     * Approved orders: investments ask for the conversion, grants wait for or go on with their payee snapshot (one bulk
     * write per state read, each move conditional on the order's state and version). An order read in another state than
     * the one listed is skipped ({@link RoundFaults#inState}). The payee snapshots of each list in one read.
     */
    public void routeApproved() {
        OrderMoves.Bulk approved = moves.bulk();
        List<OrderRepository.Stored> approvedList = RoundFaults.inState(OrderState.APPROVED,
                orders.inState(OrderState.APPROVED, 500));
        var held = payees.forOrders(approvedList.stream().map(OrderRepository.Stored::order).toList());
        for (OrderRepository.Stored stored : approvedList) {
            PaymentOrder order = stored.order();
            if (order.investment()) {
                approved.move(stored, order.conversionRequested(clock.instant()), OrderService.SYSTEM, "approved");
            } else if (!held.containsKey(order.id())) {
                approved.change(stored, order.awaitingPayee());
            }
        }
        approved.apply();
        OrderMoves.Bulk payeeHeld = moves.bulk();
        List<OrderRepository.Stored> waiting = RoundFaults.inState(OrderState.AWAITING_PAYEE,
                orders.inState(OrderState.AWAITING_PAYEE, 500));
        var arrived = payees.forOrders(waiting.stream().map(OrderRepository.Stored::order).toList());
        for (OrderRepository.Stored stored : waiting) {
            if (arrived.containsKey(stored.order().id())) {
                payeeHeld.change(stored, stored.order().payeeHeld());
            }
        }
        payeeHeld.apply();
    }

    /** The account an order pays: its batched payee, else its beneficiary's snapshot (none yet: empty). */
    public java.util.Optional<org.susong.payments.domain.Payee> payeeFor(PaymentOrder order) {
        return order.payee() != null ? java.util.Optional.of(order.payee())
                : payees.forOrder(order).map(PayeeRepository.StoredPayee::payee);
    }

    /** The USCCs named by refused payee snapshots of the order's decision (issue 23: shown while it waits for its payee). */
    public List<String> refusedPayees(PaymentOrder order) {
        return payees.refusedFor(order);
    }
}
