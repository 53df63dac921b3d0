package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import org.susong.portal.client.ContractDetail;
import org.susong.portal.client.ContractStatistics;

/** How the registrar's pages show a contract's and a year's amounts (yuan, two decimals) and growth (percent). */
public final class RegistrarFormats {

    private RegistrarFormats() {
    }

    /** {@code {contract.contractYuan}}: the contract amount. */
    @TemplateExtension
    static String contractYuan(ContractDetail contract) {
        return Formats.yuan(contract.contractAmountFen());
    }

    /** {@code {contract.technicalYuan}}: the technical transaction amount. */
    @TemplateExtension
    static String technicalYuan(ContractDetail contract) {
        return Formats.yuan(contract.technicalTransactionAmountFen());
    }

    /** {@code {instalment.yuan}}: an instalment's amount; empty when the service gave none. */
    @TemplateExtension
    static String yuan(ContractDetail.Instalment instalment) {
        return instalment.amountFen() == null ? "" : Formats.yuan(instalment.amountFen());
    }

    @TemplateExtension
    static String contractYuan(ContractDetail.AmendmentView amendment) {
        return Formats.yuan(amendment.contractAmountFen());
    }

    @TemplateExtension
    static String technicalYuan(ContractDetail.AmendmentView amendment) {
        return Formats.yuan(amendment.technicalTransactionAmountFen());
    }

    /** {@code {figures.contractYuan}}: a group's summed contract amount. */
    @TemplateExtension
    static String contractYuan(ContractStatistics.Figures figures) {
        return Formats.yuan(figures.contractAmountFen());
    }

    @TemplateExtension
    static String technicalYuan(ContractStatistics.Figures figures) {
        return Formats.yuan(figures.technicalTransactionAmountFen());
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
