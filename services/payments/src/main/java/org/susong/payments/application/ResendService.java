package org.susong.payments.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.PayeeRepository;

/**
 * Returned payments sent again (issue 20 item 2). A payment the bank returned (a camt.053 credit naming its end-to-end
 * id: RETURNED, the money back on the line) waits for a corrected account: the beneficiary's bank-account change in
 * applications (maker-checker) publishes a newer {@code PayeeAccountSnapshotted} for the decision, which payments keeps in
 * place of the older one ({@code IntakeService}). The processor's step then sends the <b>same order</b> again: only when
 * the snapshot held is strictly newer ({@code snapshottedAt}) than the one the returned payment was made to (a
 * redelivered or older snapshot sends nothing), intent first ({@link OrderService#startResend}: RESENDING, then the line
 * charged again under the attempt's own intent id, then APPROVED with {@code PaymentOrderReopened}), with a new
 * end-to-end id; the batching copies the new snapshot. The step is also the resumer's twin: a crash after the snapshot
 * was kept and before the intent was written is picked up by the next round (the state and the snapshot say what is
 * left to do); a crash after the intent by the resumer.
 */
@ApplicationScoped
public class ResendService {

    private static final Logger LOG = Logger.getLogger(ResendService.class);
    /** How many returned orders one round looks at. */
    static final int ROUND = 200;

    private final OrderRepository orders;
    private final PayeeRepository payees;
    private final OrderService service;

    ResendService(OrderRepository orders, PayeeRepository payees, OrderService service) {
        this.orders = orders;
        this.payees = payees;
        this.service = service;
    }

    /**
     * The processor's step: RETURNED orders whose beneficiary's snapshot is newer than the one they were paid to are sent
     * again. One order's fault is logged and the step goes on; a transient failure (a store outage) ends it.
     *
     * @return how many were sent again
     */
    public int resendReturned() {
        List<OrderRepository.Stored> returned = RoundFaults.inState(OrderState.RETURNED, orders.inState(OrderState.RETURNED,
                ROUND));
        if (returned.isEmpty()) {
            return 0;
        }
        Map<String, PayeeRepository.StoredPayee> held = payees.forOrders(returned.stream().map(OrderRepository.Stored::order)
                .toList()); // one read
        int resent = 0;
        for (OrderRepository.Stored stored : returned) {
            PaymentOrder order = stored.order();
            PayeeRepository.StoredPayee snapshot = held.get(order.id());
            if (snapshot == null || !newer(snapshot.payee().snapshottedAt(), order)) {
                continue; // no corrected account yet
            }
            try {
                // read before the intent to spare a write; the intent's finish reads it again after its write (the race)
                if (service.awardTakenAway(order)) {
                    continue; // an appeal or a revocation took the award: it stays returned
                }
                if (service.startResend(stored, "resend:" + snapshot.sourceEventId())) {
                    resent++;
                }
            } catch (RuntimeException e) {
                RoundFaults.rethrowOutage(e);
                LOG.warnf("sending returned order %s again failed, the next round retries: %s", order.id(), e.toString());
            }
        }
        return resent;
    }

    /** The snapshot is strictly newer than the one the returned payment was made to. */
    static boolean newer(Instant snapshottedAt, PaymentOrder order) {
        Instant used = order.payee() == null ? null : order.payee().snapshottedAt();
        return snapshottedAt != null && (used == null || snapshottedAt.isAfter(used));
    }

}
