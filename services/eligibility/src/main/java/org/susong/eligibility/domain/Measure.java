package org.susong.eligibility.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * One version of a measure of the catalogue (domain.md). Decisions pin the version they used,
 * so publishing a new version never changes a decision already made.
 *
 * @param rule          the automated rule that decides it ({@code B1_TIERS}), or {@code MANUAL_REVIEW}
 *                      when the platform has no automated rule yet, or {@code NONE} for informational ones
 * @param sourceRule    the money rule as the source states it, in words
 * @param placeholders  values the source does not give and the catalogue fills in, each named
 */
public record Measure(String code, int version, String titleZh, String titleEn, MeasureStatus status,
                      List<String> beneficiaryTypes, LocalDate validFrom, LocalDate validTo, List<String> requiredFacts,
                      String rule, String sourceRule, Long capFen, String capPeriod, String budgetLine,
                      String disbursementMode, List<String> placeholders) {

    public Measure {
        beneficiaryTypes = List.copyOf(beneficiaryTypes);
        requiredFacts = List.copyOf(requiredFacts);
        placeholders = List.copyOf(placeholders);
    }

    public String ruleVersion() {
        return code + "@" + version;
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }
}
