package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import org.susong.portal.client.ContractStatistics;

/** How the registrar's pages show a year's counts and growth (percent); amounts are {@code money:yuan} ({@link Money}). */
public final class RegistrarFormats {

    private RegistrarFormats() {
    }

    /** {@code {figures.countText}}: the count with thousands separators. */
    @TemplateExtension
    static String countText(ContractStatistics.Figures figures) {
        return String.format(java.util.Locale.ROOT, "%,d", figures.count());
    }

    @TemplateExtension
    static String countText(ContractStatistics.Growth growth) {
        return percent(growth.countPercent());
    }

    @TemplateExtension
    static String contractText(ContractStatistics.Growth growth) {
        return percent(growth.contractAmountPercent());
    }

    @TemplateExtension
    static String technicalText(ContractStatistics.Growth growth) {
        return percent(growth.technicalTransactionAmountPercent());
    }

    /** The service's percentage as it is, signed ("+29.34 %"); "—" without a previous year (null). */
    static String percent(BigDecimal value) {
        if (value == null) {
            return "—";
        }
        return (value.signum() > 0 ? "+" : "") + value.toPlainString() + " %";
    }
}
