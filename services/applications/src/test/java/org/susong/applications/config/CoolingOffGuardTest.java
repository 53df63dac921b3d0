package org.susong.applications.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 4, second reader: {@code susong.applications.bank-account.cooling-off} took PT0S or a negative value
 * in prod, which makes a second officer's approval the account at once - no time for the applicant to object. Outside
 * the local, test and dev profiles a cooling-off below the floor refuses to start.
 */
class CoolingOffGuardTest {

    static final Duration FLOOR = Duration.ofHours(24);

    @Test
    void a_cooling_off_below_the_floor_refuses_to_start_outside_local_test_and_dev() {
        for (Duration tooShort : List.of(Duration.ZERO, Duration.ofHours(-1), Duration.ofSeconds(5), FLOOR.minusSeconds(1))) {
            for (List<String> profiles : List.of(List.of("prod"), List.of("staging"), List.<String>of())) {
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> CoolingOffGuard.require(profiles, tooShort, FLOOR), profiles + " " + tooShort);
                assertTrue(refused.getMessage().contains("susong.applications.bank-account.cooling-off"), refused.getMessage());
                assertTrue(refused.getMessage().contains("PT24H"), refused.getMessage());
            }
        }
    }

    @Test
    void the_floor_and_more_start_in_prod_and_the_short_development_periods_start_where_they_are_set() {
        assertDoesNotThrow(() -> CoolingOffGuard.require(List.of("prod"), FLOOR, FLOOR));
        assertDoesNotThrow(() -> CoolingOffGuard.require(List.of("prod"), Duration.ofDays(3), FLOOR));
        assertDoesNotThrow(() -> CoolingOffGuard.require(List.of("local"), Duration.ofSeconds(5), FLOOR));
        assertDoesNotThrow(() -> CoolingOffGuard.require(List.of("test"), Duration.ofSeconds(2), FLOOR));
        assertDoesNotThrow(() -> CoolingOffGuard.require(List.of("dev"), Duration.ZERO, FLOOR));
    }

    @Test
    void a_negative_cooling_off_refuses_to_start_in_every_profile() {
        for (String profile : List.of("local", "test", "dev", "prod")) {
            assertThrows(IllegalStateException.class, () -> CoolingOffGuard.require(List.of(profile),
                    Duration.ofSeconds(-1), FLOOR), profile);
        }
    }
}
