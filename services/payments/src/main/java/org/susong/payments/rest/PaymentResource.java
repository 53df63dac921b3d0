package org.susong.payments.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.susong.commons.ids.District;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.FieldCipher;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.payments.application.ApplicantChanges;
import org.susong.payments.application.ApprovalService;
import org.susong.payments.application.OrderQueries;
import org.susong.payments.application.OrderService;
import org.susong.payments.application.PayeeAccounts;
import org.susong.payments.config.DutyRoles;
import org.susong.payments.domain.Hold;
import org.susong.payments.domain.OrderFilter;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "payments", description = "Payment orders of approved awards: public notice (公示) and objections, holds, "
        + "finance approvals (maker-checker above the dual-approval amount).")
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    public record PaymentView(String id, String decisionId, String applicationId, String beneficiaryUscc, String measureCode,
                              int fiscalYear, District district, String budgetLine, long amountFen,
                              @Schema(implementation = OrderState.class) String state,
                              @Schema(enumeration = {"GRANT", "INVESTMENT"}, description = "GRANT pays the beneficiary; "
                                      + "INVESTMENT converts the award into a fund investment (拨改投)") String mode,
                              Instant noticeEndsAt, List<String> approvals, int approvalsRequired, Hold hold, String batchId,
                              String bankReference, boolean payeeHeld, String waitingFor, String releaseReason,
                              String investmentId, long offsetFen, String offsetRecoveryId, long transferFen,
                              PayeeView payee) {
        static PaymentView of(PaymentOrder o, int required, PayeeView payee, boolean objectorShown, List<String> refusedPayees) {
            Hold h = o.hold();
            Hold hold = h == null || objectorShown ? h : new Hold(h.id(), h.reason(), null, h.at(), h.from());
            String waiting = switch (o.state()) {
                case AWAITING_PAYEE -> "the payee account snapshot from applications" + (refusedPayees.isEmpty() ? ""
                        : "; refused a snapshot naming USCC " + String.join(", ", refusedPayees) + ", not the beneficiary");
                case AWAITING_APPROVAL -> (required - o.approvals().size()) + " more finance officer approval(s)";
                case WAITLISTED -> "money on budget line " + o.budgetLineId();
                case ON_HOLD -> "a decision on hold " + o.hold().id();
                case CONVERTING -> "fund-investments to complete the conversion";
                case INSTRUCTED -> "the bank statement";
                case RETURNED -> "a corrected payee account (the beneficiary's bank-account change in applications), then it"
                        + " is sent again";
                case RESENDING -> "money on budget line " + o.budgetLineId() + " to send the returned payment again";
                default -> null;
            };
            return new PaymentView(o.id(), o.decisionId(), o.applicationId(), o.beneficiaryUscc(), o.measureCode(),
                    o.fiscalYear(), o.district(), o.budgetLineId(), o.amount().fen(), o.state().name(),
                    o.mode() == null ? null : o.mode().name(), o.noticeEndsAt(),
                    o.approvals(), required, hold, o.batchId(), o.bankReference(), o.payee() != null, waiting,
                    o.releaseReason() == null ? null : o.releaseReason().name(), o.investmentId(), o.offsetFen(), o.offsetRecoveryId(), o.transferFen(), payee);
        }
    }

    /**
     * The account the order pays (issue 23): its batched payee, else the beneficiary's snapshot; null before one
     * arrived. The number is shown whole to approvers and auditors, masked to the last four digits to anyone else.
     */
    public record PayeeView(String accountName, String accountNumber, String bankCode, String bankName, Instant snapshottedAt) {
        static PayeeView of(Payee p, boolean whole) {
            String shown = whole ? p.accountNumber() : FieldCipher.mask(p.accountNumber());
            return new PayeeView(p.accountName(), shown, p.bankCode(), p.bankName(), p.snapshottedAt());
        }

        /** Masked (issue 23 item 11): a log line never carries the whole number. */
        @Override
        public String toString() {
            return "PayeeView[accountName=" + accountName + ", accountNumber=" + FieldCipher.mask(accountNumber) + ", bankCode="
                    + bankCode + ", bankName=" + bankName + ", snapshottedAt=" + snapshottedAt + "]";
        }
    }

    /** The published list of orders in public notice (公示). */
    public record NoticeView(String orderId, String beneficiaryUscc, String measureCode, long amountFen, LocalDate noticeUntil,
                             String howToObject) {
    }

    @Schema(example = "{\"reason\": \"the company was struck off the register in May\"}")
    public record ObjectionRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(example = "{\"outcome\": \"DISMISSED\"}")
    public record ResolutionRequest(@Schema(enumeration = {"UPHELD", "DISMISSED"}) @NotNull @Pattern(regexp = "UPHELD|DISMISSED")
                                    String outcome) {
    }

    /** A filter for bulk approval: every criterion given must hold; at least one must be given. */
    @Schema(example = "{\"measureCode\": \"B1\", \"maxAmountFen\": 50000000}")
    public record BulkApprovalRequest(String measureCode, String budgetLine, @Positive Long maxAmountFen, List<String> orderIds) {

        boolean empty() {
            return measureCode == null && budgetLine == null && maxAmountFen == null && (orderIds == null || orderIds.isEmpty());
        }
    }

    private final OrderService orders;
    private final ApprovalService approvals;
    private final CurrentUser currentUser;
    private final PayeeAccounts accounts;
    private final OrderQueries queries;
    private final ApplicantChanges applicants;

    PaymentResource(OrderService orders, ApprovalService approvals, CurrentUser currentUser, PayeeAccounts accounts,
                    OrderQueries queries, ApplicantChanges applicants) {
        this.queries = queries;
        this.applicants = applicants;
        this.orders = orders;
        this.approvals = approvals;
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    /**
     * The payment orders the principal sees (filtered in the query: a district officer its district's, an applicant its
     * own USCC's, finance, admin and auditor all), newest first, keyset-paged. Filters: applicationId, state, budgetLine,
     * district (any case), measure, applicant (beneficiary USCC), from/to (creation dates, inclusive).
     */
    @Operation(operationId = "listPayments", summary = "List payment orders",
            description = "Only the orders the principal sees (a district officer their district's, an applicant their own "
                    + "USCC's, finance, admin and auditor all); newest first, paged by a keyset cursor (`nextCursor`). "
                    + "Filters: applicationId, state, budgetLine, district (any case), measure, applicant (beneficiary "
                    + "USCC), from/to (creation dates, inclusive).")
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Page<PaymentView> list(@QueryParam("applicationId") String applicationId, @QueryParam("state") String state,
                                  @QueryParam("budgetLine") String budgetLine, @QueryParam("district") String district,
                                  @QueryParam("measure") String measure, @QueryParam("applicant") String applicant,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Principal p = currentUser.require();
        ListParams.Dates dates = ListParams.dates(from, to);
        OrderFilter filter = new OrderFilter(ListParams.text(applicationId), ListParams.oneOf("state", state,
                OrderState.class), ListParams.text(budgetLine), ListParams.district("district", district),
                ListParams.text(measure), ListParams.text(applicant).map(u -> u.toUpperCase(Locale.ROOT)), dates.from(), dates.to());
        return queries.orders(filter, Access.scope(p, applicants), cursor, ListParams.limit(limit)).map(o -> view(o, p));
    }

    /**
     * The orders in public notice now, with how to object: the published list (公示), so every role of the platform
     * reads all of it; it names beneficiary, measure and amount, never an account. In the order they entered notice.
     */
    @GET
    @Path("/notices")
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR,
            Principal.REGISTRAR, Principal.FUND_MANAGER})
    @Operation(operationId = "listPublicNotices", summary = "The published list of orders in public notice (公示)",
            description = "Every role reads all of it; it names beneficiary, measure and amount, never an account, and how "
                    + "to object. Filter: measure; paged by a keyset cursor (`nextCursor`).")
    public Page<NoticeView> notices(@QueryParam("measure") String measure, @QueryParam("cursor") String cursor,
                                    @QueryParam("limit") Integer limit) {
        return queries.inNotice(OrderFilter.inNotice(ListParams.text(measure)), cursor, ListParams.limit(limit))
                .map(o -> new NoticeView(o.id(), o.beneficiaryUscc(), o.measureCode(), o.amount().fen(),
                        o.noticeEndsAt() == null ? null : o.noticeEndsAt().atZone(BusinessClock.ZONE).toLocalDate(),
                        "POST /payments/" + o.id() + "/objections with the reason, before the notice ends"));
    }

    @Operation(operationId = "getPayment", summary = "Read a payment order",
            description = "With what it waits for; the payee's account number whole to approvers and auditors, masked to anyone else.")
    @GET
    @Path("/{id}")
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public PaymentView get(@PathParam("id") String id) {
        Principal p = currentUser.require();
        return view(visible(id, p), p);
    }

    /**
     * A finance officer approves an order after its public notice; above the dual-approval amount a
     * second, different officer must approve too (maker-checker).
     */
    @Operation(operationId = "approvePayment", summary = "Approve a payment order (finance)",
            description = "After its public notice; above the dual-approval amount a second, different officer must approve too.")
    @POST
    @Path("/{id}/approvals")
    @RolesAllowed(DutyRoles.PAYMENT_APPROVER)
    public PaymentView approve(@PathParam("id") String id) {
        Principal officer = currentUser.require();
        return view(handle(id, () -> approvals.approve(id, officer.user(), officer.asActor())), officer);
    }

    /**
     * Approves, as this officer, every order awaiting approval that the filter selects, and answers which it approved;
     * an empty filter is refused (400), never read as "everything".
     */
    @Operation(operationId = "approvePayments", summary = "Approve every order a filter selects",
            description = "As this officer: orders awaiting approval that match every criterion given; an empty filter is refused "
                    + "(400), never read as everything.")
    @POST
    @Path("/approvals")
    @RolesAllowed(DutyRoles.PAYMENT_APPROVER)
    public ApprovalService.BulkResult approveAll(@Valid @NotNull BulkApprovalRequest filter) {
        Principal officer = currentUser.require();
        if (filter.empty()) {
            throw ProblemException.badRequest("filter", "bulk approval needs an explicit filter (measureCode, budgetLine,"
                    + " maxAmountFen or orderIds); an empty one would approve every order waiting");
        }
        return approvals.approveAll(o -> (filter.measureCode() == null || filter.measureCode().equals(o.measureCode()))
                && (filter.budgetLine() == null || filter.budgetLine().equals(o.budgetLineId()))
                && (filter.maxAmountFen() == null || o.amount().fen() <= filter.maxAmountFen())
                && (filter.orderIds() == null || filter.orderIds().contains(o.id())), officer.user(), officer.asActor());
    }

    /**
     * An objection puts the order on hold for review. Anyone with a role but the auditor may object to an order in its
     * public notice; to an order past its notice only who sees it (its district's officers, its beneficiary, finance).
     */
    @POST
    @Path("/{id}/objections")
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.REGISTRAR,
            Principal.FUND_MANAGER})
    @Operation(operationId = "objectToPayment", summary = "Object to a payment order",
            description = "Puts the order on hold for review. Anyone with a role but the auditor may object to an order in its "
                    + "public notice; to an order past its notice only who sees it.")
    public PaymentView object(@PathParam("id") String id, @Valid @NotNull ObjectionRequest request) {
        Principal p = currentUser.require();
        PaymentOrder order = orders.find(id).orElseThrow(() -> ProblemException.notFound("payment order", id));
        if (order.state() != OrderState.IN_NOTICE && !Access.sees(p, order.districtCode(), order.beneficiaryUscc(), applicants)) {
            throw ProblemException.notFound("payment order", id);
        }
        return view(handle(id, () -> approvals.object(id, request.reason(), p.user(), p.asActor())), p);
    }

    /** Resolves a hold: UPHELD releases the money back to the line; DISMISSED lets the order go on. */
    @Operation(operationId = "resolvePaymentHold", summary = "Resolve a hold",
            description = "An officer of the order's district, not the objector: UPHELD releases the money back to the budget line; "
                    + "DISMISSED lets the order go on.")
    @POST
    @Path("/{id}/holds/{holdId}/resolution")
    @RolesAllowed(Principal.OFFICER)
    public PaymentView resolve(@PathParam("id") String id, @PathParam("holdId") String holdId,
                               @Valid @NotNull ResolutionRequest request) {
        Principal p = currentUser.require();
        // an officer of the order's district (not a city-wide role, not an applicant of its USCC); the objector is refused
        orders.find(id).filter(o -> p.hasRole(Principal.OFFICER) && p.inDistrict(o.districtCode()))
                .orElseThrow(() -> ProblemException.notFound("payment order", id));
        return view(handle(id, () -> approvals.resolve(id, holdId, request.outcome(), p.user(), p.asActor())), p);
    }

    private PaymentOrder handle(String id, Supplier<PaymentOrder> action) {
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("payment order", id);
        } catch (PaymentOrder.IllegalTransition | PaymentOrder.SameOfficer | PaymentOrder.ObjectorResolves
                 | PaymentOrder.SameGrounds e) {
            throw ProblemException.conflict(e.getMessage()).with("state", orders.find(id).map(o -> o.state().name()).orElse(null));
        }
    }

    /** The order, if the principal sees it (its district, its USCC, or a city-wide role); otherwise 404. */
    private PaymentOrder visible(String id, Principal p) {
        return orders.find(id).filter(o -> Access.sees(p, o.districtCode(), o.beneficiaryUscc(), applicants))
                .orElseThrow(() -> ProblemException.notFound("payment order", id));
    }

    private PaymentView view(PaymentOrder o, Principal p) {
        boolean whole = p.hasAnyRole(DutyRoles.PAYMENT_APPROVER, Principal.AUDITOR);
        // the objector's identity only to officers (issue 23: an objection must not expose who raised it)
        return PaymentView.of(o, approvals.approvalsRequired(o), approvals.payeeFor(o)
                        // not batched yet: the snapshot named as the next instruction will name it (issue 20 item 6)
                        .map(x -> o.payee() == null ? applicants.creditor(o, x) : x)
                        .map(x -> PayeeView.of(accounts.opened(x), whole))
                .orElse(null), p.hasRole(Principal.OFFICER),
                o.state() == OrderState.AWAITING_PAYEE ? approvals.refusedPayees(o) : List.of());
    }

}
