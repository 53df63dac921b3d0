package org.susong.techcontracts.domain;

import java.time.LocalDate;
import org.susong.commons.money.Money;

/**
 * How long the registry may take to review a submitted contract. The rules in force (2000) give
 * it a number of calendar days (30); the December 2024 draft for comment gives working days (15),
 * more with expert review (30) when the technical transaction amount reaches a threshold
 * (5,000,000 CNY). All figures are configuration, not constants.
 */
public record ReviewRules(Regime regime, int calendarDays, int workingDays, int expertWorkingDays,
                          Money expertReviewThreshold) {

    public enum Regime {
        /** 技术合同认定登记管理办法 (2000): calendar days. */
        RULES_2000,
        /** December 2024 draft for comment: working days, longer with expert review. */
        DRAFT_2024
    }

    /**
     * The day by which the review must end, and whether the draft's expert review applies.
     *
     * @param provisional the working calendar does not cover the days counted: the deadline may move
     *                    once the State Council publishes that year's holidays
     */
    public record Deadline(LocalDate dueOn, boolean expertReview, boolean provisional) {

        public Deadline(LocalDate dueOn, boolean expertReview) {
            this(dueOn, expertReview, false);
        }
    }

    /**
     * The deadline of a review opened on {@code submittedOn}. Under the rules in force a last day that
     * is not a working day moves to the next working day (Civil Code art. 203); the draft counts
     * working days, so its last day is one. Provisional when the calendar does not cover the days.
     */
    public Deadline deadline(LocalDate submittedOn, Money technicalTransactionAmount, WorkingCalendar calendar) {
        boolean expert = false;
        LocalDate dueOn;
        if (regime == Regime.RULES_2000) {
            dueOn = calendar.onOrAfter(submittedOn.plusDays(calendarDays));
        } else {
            expert = technicalTransactionAmount.compareTo(expertReviewThreshold) >= 0;
            dueOn = calendar.plusWorkingDays(submittedOn, expert ? expertWorkingDays : workingDays);
        }
        return new Deadline(dueOn, expert, !calendar.coversAll(submittedOn, dueOn));
    }
}
