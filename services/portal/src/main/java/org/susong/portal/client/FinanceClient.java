package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The payments service as the finance pages call it (same {@code quarkus.rest-client.payments.url} as
 * {@link PaymentsClient}): orders awaiting approval and their approval, the public-notice list, the day's batches and
 * their pain.001 files, the 2024-2026 budget. Identity as for every client: {@link CallerIdentity}.
 */
@RegisterRestClient(configKey = "payments")
@Produces(MediaType.APPLICATION_JSON)
public interface FinanceClient {

    /** {@code listPayments} with {@code state} (the approvals page: {@code AWAITING_APPROVAL}), newest first. */
    @GET
    @Path("/payments")
    ServicePage<Payment> orders(@BeanParam CallerIdentity as, @QueryParam("state") String state,
                                @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /**
     * {@code approvePayment}: one approval of one order as this finance officer; the answer is the order after it
     * ({@code APPROVED}, or still {@code AWAITING_APPROVAL} when a second officer must approve). 409 when this officer
     * approved it already or it is not awaiting approval.
     */
    @POST
    @Path("/payments/{id}/approvals")
    Payment approve(@BeanParam CallerIdentity as, @PathParam("id") String orderId);

    /** {@code listPublicNotices}: the orders in public notice now, in the order they entered it. */
    @GET
    @Path("/payments/notices")
    ServicePage<Notice> notices(@BeanParam CallerIdentity as, @QueryParam("cursor") String cursor,
                                @QueryParam("limit") Integer limit);

    /** {@code listBatches}: the batches of a business date ({@code yyyy-MM-dd}), by id. */
    @GET
    @Path("/batches")
    ServicePage<Batch> batches(@BeanParam CallerIdentity as, @QueryParam("date") String date,
                               @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /**
     * {@code downloadBatchFile}: the exported pain.001 file, its bytes with the service's content type and
     * {@code Content-Disposition}; 409 before export.
     */
    @GET
    @Path("/batches/{id}/file")
    @Produces({MediaType.APPLICATION_XML, MediaType.WILDCARD})
    Response batchFile(@BeanParam CallerIdentity as, @PathParam("id") String batchId);

    /** {@code getBudgetPeriod}: each year of 2024-2026 with its lines, and the period, against the C1 commitment. */
    @GET
    @Path("/budgets")
    BudgetPeriod budget(@BeanParam CallerIdentity as);

    /** {@code listReconciliationReports}: every imported bank file with its items (finance, admin, auditors). */
    @GET
    @Path("/reconciliation/reports")
    ServicePage<BankFile> reconciliationReports(@BeanParam CallerIdentity as, @QueryParam("cursor") String cursor,
                                                @QueryParam("limit") Integer limit);


    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("payments", response);
    }
}
