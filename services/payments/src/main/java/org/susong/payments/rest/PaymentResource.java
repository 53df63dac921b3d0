package org.susong.payments.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.PaymentOrder;

@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    public record PaymentView(String id, String decisionId, String applicationId, String beneficiaryUscc, String measureCode,
                              int fiscalYear, String budgetLine, long amountFen, String state, Instant noticeEndsAt,
                              String bankReference) {
        static PaymentView of(PaymentOrder o) {
            return new PaymentView(o.id(), o.decisionId(), o.applicationId(), o.beneficiaryUscc(), o.measureCode(),
                    o.fiscalYear(), o.budgetLineId(), o.amount().fen(), o.state().name(), o.noticeEndsAt(), o.bankReference());
        }
    }

    private final OrderService orders;
    private final CurrentUser currentUser;

    PaymentResource(OrderService orders, CurrentUser currentUser) {
        this.orders = orders;
        this.currentUser = currentUser;
    }

    /** The payment orders of one application. */
    @GET
    public List<PaymentView> byApplication(@QueryParam("applicationId") @NotBlank String applicationId) {
        currentUser.require();
        return orders.forApplication(applicationId).stream().map(PaymentView::of).toList();
    }

    @GET
    @Path("/{id}")
    public PaymentView get(@PathParam("id") String id) {
        currentUser.require();
        return orders.find(id).map(PaymentView::of).orElseThrow(() -> ProblemException.notFound("payment order", id));
    }

    /** A finance officer approves an order after its public notice (maker-checker: a later issue). */
    @POST
    @Path("/{id}/approvals")
    public PaymentView approve(@PathParam("id") String id) {
        Principal officer = currentUser.requireAnyRole(Principal.FINANCE);
        try {
            return PaymentView.of(orders.approve(id, officer.user(), officer.asActor()));
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("payment order", id);
        } catch (PaymentOrder.IllegalTransition e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
