package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.BankFile;
import org.susong.portal.client.BankFilesClient;
import org.susong.portal.client.Batch;
import org.susong.portal.client.BudgetPeriod;
import org.susong.portal.client.FinanceClient;
import org.susong.portal.client.Notice;
import org.susong.portal.client.Payment;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.ServicePage;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * What the finance pages read and write, always as the signed-in finance officer: payments decides what that officer
 * may do (the duty {@code payment-approver}, the maker-checker). The one write is {@link #approve}: one
 * {@code POST /payments/{id}/approvals} per checked order.
 */
@ApplicationScoped
public class FinanceQueries {

    /** The orders the approvals page lists: payments' {@code OrderState.AWAITING_APPROVAL}. */
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

    private final FinanceClient payments;
    private final BankFilesClient bankFiles;
    private final PortalConfig config;

    FinanceQueries(@RestClient FinanceClient payments, @RestClient BankFilesClient bankFiles, PortalConfig config) {
        this.bankFiles = bankFiles;
        this.payments = payments;
        this.config = config;
    }

    /** A page of the orders awaiting a finance officer's approval, as the service lists them (newest first). */
    public ServicePage<Payment> awaitingApproval(Person person, String cursor) {
        PortalQueries.require(person, Role.FINANCE);
        return Calls.as("payments", person, as -> payments.orders(as, AWAITING_APPROVAL, cursor, config.pageSize()));
    }

    /**
     * One approval's outcome: the order as the service answered it ({@code APPROVED}, or still awaiting a second
     * officer), or the service's error; neither when it was not sent (an earlier order's call failed without an
     * answer the portal can read as a refusal, so whether that one was applied is unknown and nothing more is sent).
     */
    public record Approval(String orderId, Payment order, ServiceError error) {

        public boolean sent() {
            return order != null || error != null;
        }
    }

    /**
     * Approves each order as this officer, one call per order, in the given order. A refusal (4xx: approved twice by
     * the same officer, no longer awaiting approval, not found) is that order's outcome and the next is sent; a failure
     * (5xx, no answer) stops: the orders after it are not sent.
     */
    public List<Approval> approve(Person person, List<String> orderIds) {
        PortalQueries.require(person, Role.FINANCE);
        List<Approval> outcomes = new ArrayList<>();
        boolean stopped = false;
        for (String id : orderIds) {
            if (stopped) {
                outcomes.add(new Approval(id, null, null));
                continue;
            }
            try {
                outcomes.add(new Approval(id, Calls.as("payments", person, as -> payments.approve(as, id)), null));
            } catch (ServiceError e) {
                outcomes.add(new Approval(id, null, e));
                stopped = !e.refused();
            }
        }
        return outcomes;
    }

    /** A page of the public-notice list (公示), as every role reads it. */
    public ServicePage<Notice> notices(Person person, String cursor) {
        PortalQueries.require(person, Role.FINANCE);
        return Calls.as("payments", person, as -> payments.notices(as, cursor, config.pageSize()));
    }

    /** A page of the batches of a business date ({@code yyyy-MM-dd}, checked by the caller). */
    public ServicePage<Batch> batches(Person person, String date, String cursor) {
        PortalQueries.require(person, Role.FINANCE);
        return Calls.as("payments", person, as -> payments.batches(as, date, cursor, config.pageSize()));
    }

    /** A batch's pain.001 file: its bytes, the service's content type and {@code Content-Disposition}. */
    public record BatchFile(byte[] bytes, String contentType, String disposition) {
    }

    /** The exported file of a batch; the service's 409 (not exported) or 404 is a {@link ServiceError}. */
    public BatchFile batchFile(Person person, String batchId) {
        PortalQueries.require(person, Role.FINANCE);
        return Calls.as("payments", person, as -> {
            try (Response r = payments.batchFile(as, batchId)) {
                return new BatchFile(r.readEntity(byte[].class), r.getHeaderString(HttpHeaders.CONTENT_TYPE),
                        r.getHeaderString("Content-Disposition"));
            }
        });
    }

    /** The 2024-2026 budget: each year's lines and the period against the C1 commitment. */
    public BudgetPeriod budget(Person person) {
        PortalQueries.require(person, Role.FINANCE);
        return Calls.as("payments", person, payments::budget);
    }
    /** A page of the imported bank files with their reconciliation reports, newest first as the service lists them. */
    public ServicePage<BankFile> reconciliationReports(Person person, String cursor) {
        PortalQueries.require(person, Role.FINANCE);
        return Calls.as("payments", person, as -> payments.reconciliationReports(as, cursor, config.pageSize()));
    }

    /** The bank's two kinds of files the portal passes on, and the path of payments' import of each. */
    public enum BankFileKind {
        /** camt.053: the paying account's statement (debits settle orders, credits return them). */
        STATEMENT("statements"),
        /** pain.002: the bank's status report (rejections reopen orders). */
        STATUS_REPORT("status-reports");

        private final String path;

        BankFileKind(String path) {
            this.path = path;
        }
    }

    /**
     * Passes a bank file to payments as the finance officer, its bytes unchanged (the service reads, checks and applies
     * it: importing the same file again changes nothing); its refusal is a {@link ServiceError}.
     */
    public BankFile importBankFile(Person person, BankFileKind kind, byte[] xml) {
        PortalQueries.require(person, Role.FINANCE);
        return Calls.as("payments", person, as -> bankFiles.importBankFile(as, kind.path, xml));
    }
}
