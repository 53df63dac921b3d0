package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 24 item 5: {@code ./platform run --business-date} and {@code ./platform reset} on a state dir, no processes. */
class BusinessDateLauncherTest {

    @TempDir
    Path root;

    PlatformProcesses.Options options() {
        return PlatformProcesses.Options.defaults(root);
    }

    @Test
    void a_business_date_on_fresh_data_is_kept_and_a_later_run_continues_its_clock() throws Exception {
        Optional<BusinessDate> first = Platform.businessDate(options(), Optional.of(LocalDate.of(2026, 6, 1)));
        assertEquals(LocalDate.of(2026, 6, 1), first.orElseThrow().date());
        first.get().write(options().stateDir());
        Files.createDirectories(options().stateDir().resolve("data").resolve("mongo"));

        assertEquals(first, Platform.businessDate(options(), Optional.empty()), "no flag: the data's clock continues");
        assertEquals(first, Platform.businessDate(options(), Optional.of(LocalDate.of(2026, 6, 1))), "same date: continues");
        assertNull(Platform.businessDate(options(), Optional.of(LocalDate.of(2026, 5, 1))), "another date over the data");
        assertTrue(first.get().banner().startsWith("BUSINESS DATE SET FOR A DEMO"));
        assertEquals(List.of("-Dsusong.clock.business-date=2026-06-01", "-Dsusong.clock.business-date-set-at="
                + first.get().setAt()), first.get().serviceProperties());
    }

    @Test
    void a_business_date_over_data_written_on_the_real_date_is_refused_until_reset() throws Exception {
        Files.createDirectories(options().stateDir().resolve("data").resolve("kafka"));
        Files.writeString(options().stateDir().resolve("data").resolve("kafka").resolve("meta.properties"), "x");
        assertNull(Platform.businessDate(options(), Optional.of(LocalDate.of(2026, 6, 1))));
        new BusinessDate(LocalDate.of(2026, 6, 1), Instant.now()).write(options().stateDir());

        assertEquals(0, Platform.reset(root, true));
        assertFalse(Files.exists(options().stateDir().resolve("data")));
        assertFalse(Files.exists(BusinessDate.file(options().stateDir())));
        assertEquals(LocalDate.of(2026, 6, 1), Platform.businessDate(options(), Optional.of(LocalDate.of(2026, 6, 1)))
                .orElseThrow().date());
    }

    @Test
    void the_option_is_read_with_a_space_or_an_equals_sign() {
        assertEquals(Optional.of("2026-06-01"), Platform.option(List.of("--with-idp", "--business-date", "2026-06-01"),
                "--business-date"));
        assertEquals(Optional.of("2027-01-05"), Platform.option(List.of("--business-date=2027-01-05"), "--business-date"));
        assertEquals(Optional.empty(), Platform.option(List.of("--fail-fast"), "--business-date"));
        assertEquals(Optional.empty(), BusinessDate.parse("2026-13-01"));
    }
}
