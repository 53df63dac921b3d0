package org.susong.techcontracts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.Optional;

/**
 * The registry's review deadlines and the reference data they and the statistics use. The rules in
 * force (2000) are the default; the December 2024 draft is switched on with {@code regime=DRAFT_2024}.
 */
@ConfigMapping(prefix = "susong.tech-contracts.review")
public interface ReviewConfig {

    /** RULES_2000 (calendar days) or DRAFT_2024 (working days, expert review for large contracts). */
    @WithDefault("RULES_2000")
    String regime();

    /** RULES_2000: calendar days from submission to the deadline. */
    @WithDefault("30")
    @Positive
    int calendarDays();

    /** DRAFT_2024: working days from submission to the deadline. */
    @WithDefault("15")
    @Positive
    int workingDays();

    /** DRAFT_2024: working days when the contract goes to expert review. */
    @WithDefault("30")
    @Positive
    int expertWorkingDays();

    /** DRAFT_2024: technical transaction amount (fen) from which expert review applies (5,000,000 CNY). */
    @WithDefault("500000000")
    @Min(1)
    long expertReviewThresholdFen();

    /** Classpath resource of public holidays and make-up working days (date,HOLIDAY|WORKDAY,name). */
    @WithDefault("org/susong/techcontracts/working-calendar.csv")
    String calendarResource();

    /**
     * A file (path on disk) of further working-calendar years in the same form, read at start: the years it lists
     * replace the packaged ones. Operators add each year's State Council notice here without a new build.
     */
    Optional<String> calendarFile();

    /** Classpath resource of effective-dated BRICS members and partner countries. */
    @WithDefault("org/susong/techcontracts/brics.csv")
    String bricsResource();
}
