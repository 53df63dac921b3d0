package org.susong.techcontracts.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.susong.commons.money.Money;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.ReviewConfig;
import org.susong.techcontracts.domain.ReviewRules;

/**
 * Issue 24 item 5, after 2026: the packaged working calendar holds 2024-2026 only, and no holiday of 2027 is invented.
 * Until an operator adds the State Council's notice for a year ({@code susong.tech-contracts.review.calendar-file}), a
 * deadline counted over it is Monday-Friday less the holidays fixed by date and flagged provisional, and the service
 * says so where ops look: a warning at start, the gauge {@code susong.tech_contracts.calendar.missing.years} and the
 * data of the {@code working-calendar} readiness check (which stays UP: deadlines are still computed). Business date
 * 2027-01-04.
 */
class CalendarYearsTest {

    static final Clock ON_2027_01_04 = Clock.fixed(LocalDateTime.parse("2027-01-04T10:00:00")
            .atZone(BusinessClock.ZONE).toInstant(), BusinessClock.ZONE);

    @TempDir
    Path dir;

    /**
     * The service's config with {@code file} as its calendar file. A proxy, not a class implementing ReviewConfig: the
     * interface's validation annotations on a test class would be interceptor bindings Quarkus refuses to deploy.
     */
    static ReviewConfig config(Optional<String> file) {
        Map<String, Object> values = Map.of("regime", "DRAFT_2024", "calendarDays", 30, "workingDays", 15,
                "expertWorkingDays", 30, "expertReviewThresholdFen", 500_000_000L,
                "calendarResource", "org/susong/techcontracts/working-calendar.csv", "calendarFile", file,
                "bricsResource", "org/susong/techcontracts/brics.csv");
        return (ReviewConfig) Proxy.newProxyInstance(ReviewConfig.class.getClassLoader(),
                new Class<?>[] {ReviewConfig.class}, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }

    static double missingYears(SimpleMeterRegistry meters) {
        return meters.get("susong.tech_contracts.calendar.missing.years").gauge().value();
    }

    @Test
    void without_a_2027_calendar_a_deadline_is_weekdays_less_fixed_date_holidays_flagged_and_ops_are_told() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ReferenceData reference = new ReferenceData(config(Optional.empty()), ON_2027_01_04, meters);
        assertFalse(reference.calendar().covers(2027));
        // submitted Monday 4 January 2027: 15 working days, weekends only (1 January was already past)
        ReviewRules.Deadline d = reference.rules().deadline(LocalDate.of(2027, 1, 4), Money.ofYuan(10_000),
                reference.calendar());
        assertEquals(LocalDate.of(2027, 1, 25), d.dueOn());
        assertTrue(d.provisional(), "counted without the official holiday list");
        assertEquals(2.0, missingYears(meters), "2027 and 2028 are missing");
        HealthCheckResponse health = new WorkingCalendarReadiness(reference, ON_2027_01_04).call();
        assertEquals(HealthCheckResponse.Status.UP, health.getStatus(), "deadlines are still computed, flagged");
        assertEquals("2027,2028", health.getData().orElseThrow().get("missingYears"));
        assertTrue(String.valueOf(health.getData().orElseThrow().get("warning")).contains("calendar-file"));
    }

    @Test
    void an_operator_adds_2027_in_a_calendar_file_and_its_days_count() throws Exception {
        Path file = dir.resolve("working-calendar-2027.csv");
        // test data, not the State Council's 2027 notice: a Tuesday off and a Saturday at work
        Files.write(file, List.of("# test data", "2027-01-01,HOLIDAY,元旦", "2027-01-12,HOLIDAY,test day off",
                "2027-01-16,WORKDAY,test make-up day"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ReferenceData reference = new ReferenceData(config(Optional.of(file.toString())), ON_2027_01_04, meters);
        assertTrue(reference.calendar().covers(2027));
        assertTrue(reference.calendar().covers(2026), "the packaged years stay");
        assertFalse(reference.calendar().isWorkingDay(LocalDate.of(2027, 1, 12)));
        assertTrue(reference.calendar().isWorkingDay(LocalDate.of(2027, 1, 16)));
        ReviewRules.Deadline d = reference.rules().deadline(LocalDate.of(2027, 1, 4), Money.ofYuan(10_000),
                reference.calendar());
        // one day off and one Saturday at work: the same 15th working day, no longer provisional
        assertEquals(LocalDate.of(2027, 1, 25), d.dueOn());
        assertFalse(d.provisional());
        assertEquals(1.0, missingYears(meters), "2028 is still missing");
        assertEquals("2028", new WorkingCalendarReadiness(reference, ON_2027_01_04).call().getData().orElseThrow()
                .get("missingYears"));
    }

    @Test
    void a_calendar_file_replaces_the_years_it_lists_and_a_missing_file_stops_the_start() throws Exception {
        Path file = dir.resolve("fix-2026.csv");
        Files.write(file, List.of("2026-01-01,HOLIDAY,元旦"));
        ReferenceData reference = new ReferenceData(config(Optional.of(file.toString())), ON_2027_01_04,
                new SimpleMeterRegistry());
        // the packaged 2026 Spring Festival (17 February) is replaced by the file's 2026
        assertTrue(reference.calendar().isWorkingDay(LocalDate.of(2026, 2, 17)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ReferenceData(
                config(Optional.of(dir.resolve("absent.csv").toString())), ON_2027_01_04, new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("absent.csv"), e.getMessage());
    }
}
