package org.susong.portal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Payments as the finance pages see it, for {@link DownstreamFake}: fixtures in {@code src/test/resources/fake/finance/},
 * each copying the field names of one record of the real service ({@code org.susong.payments}):
 * <ul>
 *   <li>{@code awaiting-page.json}: {@code Page<PaymentResource.PaymentView>} ({@code GET /payments?state=AWAITING_APPROVAL},
 *       newest first, {@code nextCursor} {@code f2}): three orders, PO-FIN00002 above the dual-approval amount
 *       ({@code approvalsRequired} 2) already approved once by {@code fin-a};</li>
 *   <li>{@code POST /payments/{id}/approvals} answers that order's {@code PaymentView} with the officer ({@code X-User})
 *       added to {@code approvals}, {@code APPROVED} once they reach {@code approvalsRequired}; an officer already in
 *       {@code approvals} gets the 409 of {@code PaymentOrder.SameOfficer} as {@code PaymentResource.handle} words it;
 *       an unknown order 404 ({@code ProblemException.notFound("payment order", id)}). Stateless: each call starts from
 *       the fixture. The user {@code approvals-down} gets a 500 for PO-FIN00002;</li>
 *   <li>{@code notices-page.json}: {@code Page<PaymentResource.NoticeView>} ({@code GET /payments/notices});</li>
 *   <li>{@code batches-2026-06-15.json}: {@code Page<domain.Batch>} ({@code GET /batches?date=2026-06-15}; another date an
 *       empty page): one EXPORTED with its file, one OPEN;</li>
 *   <li>{@code GET /batches/{id}/file}: the EXPORTED batch's bytes ({@link #PAIN_001}) as {@code BatchResource.file}
 *       answers them ({@code application/xml}, {@code attachment; filename="<id>.pain.001.xml"}); the OPEN one 409 as
 *       {@code DisbursementService.BatchConflict} words it; another 404;</li>
 *   <li>{@code reconciliation-reports.json}: {@code Page<domain.BankFile>} ({@code GET /reconciliation/reports}): a
 *       statement with an unmatched debit, a status report; {@code bank-file-imported.json}: the {@code BankFile} the
 *       imports answer (a settled debit, a duplicate payment, an amount mismatch);</li>
 *   <li>{@code budgets.json}: {@code BudgetService.PeriodReport} with its {@code YearReport}s, {@code LineView}s and
 *       {@code Totals} ({@code GET /budgets}).</li>
 * </ul>
 * The user {@code payments-down} gets a 500 from every path here.
 */
final class FinanceFake {

    static final String EXPORTED = "BATCH-20260615-BL-2026-B1-1";
    static final String OPEN = "BATCH-20260615-BL-2026-A4-1";
    /** A pain.001.001.09 file's bytes, with a Chinese debtor name (the bytes must pass unchanged). */
    static final String PAIN_001 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:"
            + "tech:xsd:pain.001.001.09\"><CstmrCdtTrfInitn><GrpHdr><MsgId>" + EXPORTED + "</MsgId><NbOfTxs>2</NbOfTxs>"
            + "<CtrlSum>450000.00</CtrlSum><InitgPty><Nm>厦门市科学技术局</Nm></InitgPty></GrpHdr></CstmrCdtTrfInitn></Document>";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FinanceFake() {
    }

    /** Answers a finance request; false for any other (the caller answers it). */
    static boolean answer(HttpExchange exchange, String method, String path, String query, String user) throws IOException {
        boolean awaiting = "GET".equals(method) && path.equals("/payments") && query != null
                && query.contains("state=AWAITING_APPROVAL");
        boolean approval = "POST".equals(method) && path.matches("/payments/[^/]+/approvals");
        boolean mine = awaiting || approval || path.equals("/payments/notices") || path.equals("/batches")
                || path.startsWith("/batches/") || path.equals("/budgets") || path.startsWith("/reconciliation/");
        if (!mine) {
            return false;
        }
        if ("payments-down".equals(user)) {
            DownstreamFake.send(exchange, 500, "application/problem+json", DownstreamFake.problem(500, "Internal error",
                    "boom", null));
            return true;
        }
        if (awaiting) {
            DownstreamFake.send(exchange, 200, "application/json", DownstreamFake.fixture("finance/awaiting-page.json"));
        } else if (approval) {
            approve(exchange, path.split("/")[2], user);
        } else if (path.equals("/payments/notices")) {
            DownstreamFake.send(exchange, 200, "application/json", DownstreamFake.fixture("finance/notices-page.json"));
        } else if (path.equals("/batches")) {
            String page = query != null && query.contains("date=2026-06-15")
                    ? DownstreamFake.fixture("finance/batches-2026-06-15.json") : null;
            DownstreamFake.send(exchange, 200, "application/json",
                    page != null ? page : "{\"items\":[],\"nextCursor\":null,\"limit\":50}");
        } else if (path.equals("/batches/" + EXPORTED + "/file")) {
            byte[] bytes = PAIN_001.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml;charset=UTF-8");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + EXPORTED + ".pain.001.xml\"");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } else if (path.equals("/batches/" + OPEN + "/file")) {
            DownstreamFake.send(exchange, 409, "application/problem+json", DownstreamFake.problem(409, "Conflict",
                    "batch " + OPEN + " is OPEN and has no file yet", null));
        } else if (path.equals("/reconciliation/reports")) {
            DownstreamFake.send(exchange, 200, "application/json",
                    DownstreamFake.fixture("finance/reconciliation-reports.json"));
        } else if ("POST".equals(method) && (path.equals("/reconciliation/statements")
                || path.equals("/reconciliation/status-reports"))) {
            importBankFile(exchange, user);
        } else if (path.equals("/budgets")) {
            DownstreamFake.send(exchange, 200, "application/json", DownstreamFake.fixture("finance/budgets.json"));
        } else {
            String id = path.startsWith("/batches/") ? path.split("/")[2] : path;
            DownstreamFake.send(exchange, 404, "application/problem+json", DownstreamFake.problem(404, "Not found",
                    "batch '" + id + "' does not exist", null));
        }
        return true;
    }

    /**
     * {@code importStatement} / {@code importStatusReport}: the fixture's report; the user {@code recon-no-duty} gets the
     * 403 of a person without the duty, {@code recon-other-account} the 422 of {@code NotOurStatement} on
     * {@code account}.
     */
    private static void importBankFile(HttpExchange exchange, String user) throws IOException {
        if ("recon-no-duty".equals(user)) {
            DownstreamFake.send(exchange, 403, "application/problem+json", DownstreamFake.problem(403, "Forbidden",
                    "requires the role bank-file-importer", null));
        } else if ("recon-other-account".equals(user)) {
            DownstreamFake.send(exchange, 422, "application/problem+json", DownstreamFake.problem(422,
                    "Unprocessable Entity", "statement STMT-X is of account 6222000000000001, not the paying account",
                    "account"));
        } else {
            DownstreamFake.send(exchange, 200, "application/json", DownstreamFake.fixture("finance/bank-file-imported.json"));
        }
    }

    /** {@code approvePayment}: the order with this officer's approval, or SameOfficer's 409. */
    private static void approve(HttpExchange exchange, String id, String user) throws IOException {
        if ("approvals-down".equals(user) && "PO-FIN00002".equals(id)) {
            DownstreamFake.send(exchange, 500, "application/problem+json", DownstreamFake.problem(500, "Internal error",
                    "boom", null));
            return;
        }
        ObjectNode order = null;
        for (JsonNode item : JSON.readTree(DownstreamFake.fixture("finance/awaiting-page.json")).get("items")) {
            if (id.equals(item.get("id").asText())) {
                order = (ObjectNode) item;
            }
        }
        if (order == null) {
            DownstreamFake.send(exchange, 404, "application/problem+json", DownstreamFake.problem(404, "Not found",
                    "payment order '" + id + "' does not exist", null));
            return;
        }
        ArrayNode approvals = (ArrayNode) order.get("approvals");
        for (JsonNode officer : approvals) {
            if (officer.asText().equals(user)) {
                DownstreamFake.send(exchange, 409, "application/problem+json", DownstreamFake.problem(409, "Conflict",
                        "officer " + user + " already approved payment order " + id + "; a second, different finance"
                                + " officer must approve it", null));
                return;
            }
        }
        approvals.add(user);
        int required = order.get("approvalsRequired").asInt();
        boolean done = approvals.size() >= required;
        order.put("state", done ? "APPROVED" : "AWAITING_APPROVAL");
        if (done) {
            order.putNull("waitingFor");
        } else {
            order.put("waitingFor", (required - approvals.size()) + " more finance officer approval(s)");
        }
        DownstreamFake.send(exchange, 200, "application/json", JSON.writeValueAsString(order));
    }
}
