package org.susong.techcontracts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

/**
 * Review deadlines: 30 calendar days under the rules in force (2000); the December 2024 draft's 15
 * working days, 30 with expert review from a technical transaction amount of 5,000,000 CNY, counted
 * on the State Council's published holidays and make-up working days.
 */
class ReviewDeadlineTest {

    static final WorkingCalendar CALENDAR = Reference.calendar();
    static final Money THRESHOLD = Money.ofYuan(5_000_000);
    static final ReviewRules RULES_2000 = new ReviewRules(ReviewRules.Regime.RULES_2000, 30, 15, 30, THRESHOLD);
    static final ReviewRules DRAFT_2024 = new ReviewRules(ReviewRules.Regime.DRAFT_2024, 30, 15, 30, THRESHOLD);

    @Test
    void the_calendar_knows_holidays_and_make_up_working_days() {
        // 2026 National Day: 1-7 October off, Sunday 20 September and Saturday 10 October worked
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2026, 10, 1)));
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2026, 10, 7)));
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2026, 9, 20)));
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2026, 10, 10)));
        // 2026 Spring Festival: 15-23 February off (Monday 23 included), Saturdays 14 and 28 worked
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2026, 2, 23)));
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2026, 2, 14)));
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2026, 2, 28)));
        // ordinary weekend and weekday
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 28)));
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2026, 11, 27)));
        // 2024 and 2025 make-up days
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2024, 2, 4)));
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2025, 1, 26)));
        assertTrue(CALENDAR.covers(2024) && CALENDAR.covers(2025) && CALENDAR.covers(2026));
    }

    @Test
    void the_rules_in_force_give_thirty_calendar_days() {
        ReviewRules.Deadline d = RULES_2000.deadline(LocalDate.of(2026, 9, 16), Money.ofYuan(10_000_000), CALENDAR);
        assertEquals(LocalDate.of(2026, 10, 16), d.dueOn());
        assertFalse(d.expertReview());
    }

    @Test
    void the_draft_counts_fifteen_working_days_across_mid_autumn_and_national_day() {
        // submitted Friday 18 September 2026: 20 Sep (make-up Sunday) is day 1, 25-27 Sep and 1-7 Oct are
        // off, 10 Oct (make-up Saturday) counts, so day 15 is Thursday 15 October
        ReviewRules.Deadline d = DRAFT_2024.deadline(LocalDate.of(2026, 9, 18), Money.ofYuan(2_100_000), CALENDAR);
        assertEquals(LocalDate.of(2026, 10, 15), d.dueOn());
        assertFalse(d.expertReview());
    }

    @Test
    void from_five_million_technical_the_draft_gives_thirty_working_days_with_expert_review() {
        LocalDate submitted = LocalDate.of(2026, 9, 18);
        ReviewRules.Deadline atThreshold = DRAFT_2024.deadline(submitted, Money.ofYuan(5_000_000), CALENDAR);
        assertTrue(atThreshold.expertReview());
        assertEquals(LocalDate.of(2026, 11, 5), atThreshold.dueOn());
        // one fen below the threshold: the ordinary 15 working days
        ReviewRules.Deadline below = DRAFT_2024.deadline(submitted, Money.ofFen(499_999_999L), CALENDAR);
        assertFalse(below.expertReview());
        assertEquals(LocalDate.of(2026, 10, 15), below.dueOn());
    }

    @Test
    void the_spring_festival_pushes_the_draft_deadline_out() {
        // submitted Friday 13 February 2026: Sat 14 (make-up) is day 1, then nothing until Tue 24 (day 2)
        assertEquals(LocalDate.of(2026, 2, 14), CALENDAR.plusWorkingDays(LocalDate.of(2026, 2, 13), 1));
        assertEquals(LocalDate.of(2026, 2, 24), CALENDAR.plusWorkingDays(LocalDate.of(2026, 2, 13), 2));
        assertEquals(LocalDate.of(2026, 3, 12),
                DRAFT_2024.deadline(LocalDate.of(2026, 2, 13), Money.ofYuan(1), CALENDAR).dueOn());
    }

    @Test
    void a_deadline_that_falls_on_a_holiday_moves_to_the_next_working_day() {
        // Civil Code art. 203: submitted 1 September 2025, day 30 is 1 October, National Day (1-8 October off)
        ReviewRules.Deadline d = RULES_2000.deadline(LocalDate.of(2025, 9, 1), Money.ofYuan(10_000), CALENDAR);
        assertEquals(LocalDate.of(2025, 10, 9), d.dueOn());
        // day 30 on a Sunday: the Monday after
        assertEquals(LocalDate.of(2026, 10, 19),
                RULES_2000.deadline(LocalDate.of(2026, 9, 18), Money.ofYuan(10_000), CALENDAR).dueOn());
        // day 30 on a make-up working Saturday (11 October 2025) stays there
        assertEquals(LocalDate.of(2025, 10, 11),
                RULES_2000.deadline(LocalDate.of(2025, 9, 11), Money.ofYuan(10_000), CALENDAR).dueOn());
    }

    @Test
    void years_the_calendar_does_not_cover_keep_the_fixed_date_holidays_and_are_flagged() {
        WorkingCalendar only2026 = WorkingCalendar.parse(List.of("2026-10-01,HOLIDAY,National Day"));
        assertFalse(only2026.covers(2030));
        // 2030: 1 January, 1-2 May, 1-3 October are holidays whatever the State Council's later notice says
        for (LocalDate holiday : List.of(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 5, 1), LocalDate.of(2030, 5, 2),
                LocalDate.of(2030, 10, 1), LocalDate.of(2030, 10, 2), LocalDate.of(2030, 10, 3))) {
            assertFalse(only2026.isWorkingDay(holiday), holiday.toString());
        }
        assertTrue(only2026.isWorkingDay(LocalDate.of(2030, 10, 4)));
        // submitted 1 September 2030: day 30 is Tuesday 1 October, moved to Friday 4 October, and flagged
        ReviewRules.Deadline d = RULES_2000.deadline(LocalDate.of(2030, 9, 1), Money.ofYuan(10_000), only2026);
        assertEquals(LocalDate.of(2030, 10, 4), d.dueOn());
        assertTrue(d.provisional());
        assertFalse(RULES_2000.deadline(LocalDate.of(2026, 9, 1), Money.ofYuan(10_000), CALENDAR).provisional());
    }

    @Test
    void a_malformed_calendar_line_is_refused_with_its_line_number() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkingCalendar.parse(List.of(
                "# comment", "2026-10-01,HOLIDAY,National Day", "2026-10-02,DAYOFF,x")));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
