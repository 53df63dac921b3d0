package org.susong.commons.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 24 item 5: a demo (and the end-to-end suite) runs on a business date that can be set and that moves on at
 * normal speed, so timers, public-notice windows and payment rounds still run; a fixed clock stops them.
 */
class BusinessClockTest {

    @Test
    void a_business_date_starts_the_clock_on_that_date_at_the_time_of_day_it_was_set_and_time_moves_on() throws Exception {
        Instant setAt = Instant.now().minusSeconds(90); // the launcher set it 90 s ago
        Clock clock = BusinessClock.of(Optional.empty(), Optional.of(LocalDate.of(2026, 6, 1)), Optional.of(setAt));

        ZonedDateTime now = ZonedDateTime.now(clock);
        assertEquals(BusinessClock.ZONE, now.getZone());
        ZonedDateTime expected = LocalDate.of(2026, 6, 1).atTime(LocalTime.ofInstant(setAt, BusinessClock.ZONE))
                .atZone(BusinessClock.ZONE).plusSeconds(90);
        assertTrue(Duration.between(expected, now).abs().toSeconds() < 5, now + " is not about " + expected);
        Instant first = clock.instant();
        Thread.sleep(20);
        assertTrue(clock.instant().isAfter(first), "the business clock stands still");
    }

    @Test
    void every_process_given_the_same_setting_reads_the_same_time_whenever_it_started() {
        Instant setAt = Instant.parse("2026-12-03T22:00:00Z");
        Clock a = BusinessClock.of(Optional.empty(), Optional.of(LocalDate.of(2027, 1, 5)), Optional.of(setAt));
        Clock b = BusinessClock.of(Optional.empty(), Optional.of(LocalDate.of(2027, 1, 5)), Optional.of(setAt));
        assertTrue(Math.abs(a.millis() - b.millis()) < 1000);
        // set at 06:00 in Shanghai on 2026-12-04: the business clock read 2027-01-05T06:00 then
        assertEquals(Duration.between(setAt, Instant.parse("2027-01-04T22:00:00Z")).toSeconds(),
                Duration.between(Instant.now(), a.instant()).toSeconds(), 2);
    }

    @Test
    void without_a_setting_it_is_the_system_clock_and_a_fixed_instant_stays_fixed() {
        Clock system = BusinessClock.of(Optional.empty(), Optional.empty(), Optional.empty());
        assertTrue(Duration.between(Instant.now(), system.instant()).abs().toSeconds() < 2);
        Instant fixed = Instant.parse("2026-06-15T02:00:00Z");
        assertEquals(fixed, BusinessClock.of(Optional.of(fixed), Optional.empty(), Optional.empty()).instant());
    }

    @Test
    void a_fixed_instant_and_a_business_date_together_are_refused_at_start() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BusinessClock.of(
                Optional.of(Instant.parse("2026-06-15T02:00:00Z")), Optional.of(LocalDate.of(2026, 6, 1)), Optional.empty()));
        assertTrue(e.getMessage().contains("susong.clock.business-date"), e.getMessage());
    }
}
