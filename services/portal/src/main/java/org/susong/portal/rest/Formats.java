package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.susong.portal.client.ApplicationDetail;
import org.susong.portal.client.ApplicationRow;
import org.susong.portal.client.Contract;
import org.susong.portal.client.Decision;
import org.susong.portal.client.Payment;

/** How pages show amounts and times: yuan with two decimals, times in Xiamen's zone. */
public final class Formats {

    private static final ZoneId XIAMEN = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(XIAMEN);

    private Formats() {
    }

    /** {@code {decision.yuan}}: the amount decided, integer fen shown as yuan ("3,000,000.00"). */
    @TemplateExtension
    static String yuan(Decision decision) {
        return yuan(decision.amountFen());
    }

    /** {@code {decision.proposedYuan}}: the amount proposed under review; empty when none was proposed. */
    @TemplateExtension
    static String proposedYuan(Decision decision) {
        return decision.proposedFen() == null ? "" : yuan(decision.proposedFen());
    }

    /** {@code {decision.decided}}: when it was decided, in Xiamen's time. */
    @TemplateExtension
    static String decided(Decision decision) {
        return time(decision.decidedAt());
    }

    /** {@code {order.yuan}}: the order's amount. */
    @TemplateExtension
    static String yuan(Payment order) {
        return yuan(order.amountFen());
    }

    /** {@code {order.approvedBy}}: the finance officers who approved it so far, in order. */
    @TemplateExtension
    static String approvedBy(Payment order) {
        return String.join(", ", order.approvals());
    }

    /** {@code {order.noticeEnds}}: when its public notice ends, in Xiamen's time; empty when it has none. */
    @TemplateExtension
    static String noticeEnds(Payment order) {
        return time(order.noticeEndsAt());
    }

    /** {@code {hold.since}}: when the order was held. */
    @TemplateExtension
    static String since(Payment.Hold hold) {
        return time(hold.at());
    }

    /** {@code {contract.technicalYuan}}: the technical transaction amount, the one awards are computed on. */
    @TemplateExtension
    static String technicalYuan(Contract contract) {
        return yuan(contract.technicalTransactionAmountFen());
    }

    /** {@code {entry.when}}: when a timeline fact happened, in Xiamen's time. */
    @TemplateExtension
    static String when(ApplicationDetail.TimelineEntry entry) {
        return time(entry.at());
    }

    /** {@code {application.created}} / {@code {application.submitted}}: in Xiamen's time. */
    @TemplateExtension
    static String created(ApplicationDetail application) {
        return time(application.createdAt());
    }

    @TemplateExtension
    static String submitted(ApplicationDetail application) {
        return time(application.submittedAt());
    }

    static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + String.format(Locale.ROOT, "%,d.%02d", abs / 100, abs % 100);
    }

    /** {@code {row.submitted}}: when it was submitted, in Xiamen's time; empty for a draft. */
    @TemplateExtension
    static String submitted(ApplicationRow row) {
        return time(row.submittedAt());
    }

    static String time(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return MINUTES.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
