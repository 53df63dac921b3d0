package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.susong.portal.domain.EvaluationFigures;

/**
 * The evaluation's figures as the page and the exports write them, the same in both: rates in per cent with one
 * decimal, times to payment in hours and days with one decimal (rounded half up), amounts as exact fen and as yuan,
 * the main rejection reasons as {@code criterion (count)}. In templates: {@code {evalf:rate(row.approvalPermille)}}.
 */
@TemplateExtension(namespace = "evalf")
public final class EvaluationFormats {

    /** The exports' columns, in order (codes: the same in both languages, for whoever reads the file by program). */
    static final List<String> COLUMNS = List.of("year", "quarter", "measure", "district", "applications", "applied",
            "automatic", "approvals", "rejections", "pending", "approvalRate", "rejectionRate", "mainRejectionReasons",
            "decidedFen", "decidedYuan", "paidFen", "paidYuan", "paidApplications", "medianHoursToPayment",
            "p90HoursToPayment", "medianDaysToPayment", "p90DaysToPayment", "awardsAutomatic", "awardsApplied", "appeals",
            "appealsGranted", "appealsUpheld", "appealsPending");

    private EvaluationFormats() {
    }

    /** Per mille as per cent with one decimal ("66.7%"); empty for none (nothing decided). */
    static String rate(Long permille) {
        return permille == null ? "" : permille / 10 + "." + permille % 10 + "%";
    }

    /** Minutes as hours, one decimal, half up; empty for none. */
    static String hours(Long minutes) {
        return minutes == null ? "" : tenths((minutes * 10 + 30) / 60);
    }

    /** Minutes as days, one decimal, half up; empty for none. */
    static String days(Long minutes) {
        return minutes == null ? "" : tenths((minutes * 10 + 720) / 1440);
    }

    static String reasons(List<EvaluationFigures.Reason> reasons) {
        return reasons.stream().map(r -> r.criterion() + " (" + r.count() + ")").collect(Collectors.joining("; "));
    }

    private static String tenths(long tenths) {
        return tenths / 10 + "." + tenths % 10;
    }

    /** A row's cells in the order of {@link #COLUMNS}: numbers as {@code Long}, text as {@code String}, none as null. */
    static List<Object> cells(EvaluationFigures.Row r) {
        List<Object> c = new ArrayList<>();
        c.add(r.quarter() == null ? null : (long) r.quarter().year());
        c.add(r.quarter() == null ? null : "Q" + r.quarter().quarter());
        c.add(r.measure());
        c.add(r.district());
        c.add(r.applications());
        c.add(r.applied());
        c.add(r.automatic());
        c.add(r.approvals());
        c.add(r.rejections());
        c.add(r.pending());
        c.add(rate(r.approvalPermille()));
        c.add(rate(r.rejectionPermille()));
        c.add(reasons(r.mainReasons()));
        c.add(r.decidedFen());
        c.add(Formats.yuan(r.decidedFen()).replace(",", ""));
        c.add(r.paidFen());
        c.add(Formats.yuan(r.paidFen()).replace(",", ""));
        c.add(r.paidApplications());
        c.add(hours(r.medianMinutesToPayment()));
        c.add(hours(r.p90MinutesToPayment()));
        c.add(days(r.medianMinutesToPayment()));
        c.add(days(r.p90MinutesToPayment()));
        c.add(r.awardsAutomatic());
        c.add(r.awardsApplied());
        c.add(r.appeals());
        c.add(r.appealsGranted());
        c.add(r.appealsUpheld());
        c.add(r.appealsPending());
        return c;
    }
}
