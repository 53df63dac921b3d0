package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.susong.portal.client.BankFile;
import org.susong.portal.client.Batch;
import org.susong.portal.client.BudgetPeriod;
import org.susong.portal.client.Notice;
import org.susong.portal.client.Payment;

/**
 * The finance pages (templates/approvals.html, approvalOutcomes.html, notices.html, batches.html, budget.html,
 * reconciliation.html).
 */
@CheckedTemplate
public final class FinanceTemplates {

    private FinanceTemplates() {
    }

    /** The orders awaiting approval with a checkbox each; {@code error}: the list's failure as a sentence. */
    public static native TemplateInstance approvals(Chrome chrome, List<Payment> rows, String nextHref, String error);

    /** Each checked order's outcome after a (bulk) approval. */
    public static native TemplateInstance approvalOutcomes(Chrome chrome, List<FinanceResource.Outcome> outcomes);

    /** The public-notice list. */
    public static native TemplateInstance notices(Chrome chrome, List<Notice> rows, String nextHref, String error);

    /** A date's batches, each linked to its file once exported; {@code dateInvalid}: the error is the date's. */
    public static native TemplateInstance batches(Chrome chrome, String date, boolean dateInvalid, List<Batch> rows,
                                                  String nextHref, String error);

    /** The 2024-2026 budget (null with {@code error}). */
    public static native TemplateInstance budget(Chrome chrome, BudgetPeriod period, String error);

    /**
     * The imported bank files ({@code files}; none with {@code error}), the one just imported ({@code imported}, its
     * {@code notice}), and the import form with the kind chosen and its {@code problem} on {@code field} (kind, file,
     * or service: the service's refusal).
     */
    public static native TemplateInstance reconciliation(Chrome chrome, List<BankFile> files, String nextHref,
                                                         String error, BankFile imported, String notice, String kind,
                                                         String problem, String field);
}
