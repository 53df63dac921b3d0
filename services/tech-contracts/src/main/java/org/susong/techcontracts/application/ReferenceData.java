package org.susong.techcontracts.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jboss.logging.Logger;
import org.susong.commons.money.Money;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.ReviewConfig;
import org.susong.techcontracts.domain.BricsReference;
import org.susong.techcontracts.domain.ReviewRules;
import org.susong.techcontracts.domain.WorkingCalendar;

/**
 * The working-day calendar (the packaged years, then those of the operator's {@code calendar-file}), the BRICS
 * reference data and the review rules, read once from config and resources.
 */
@ApplicationScoped
public class ReferenceData {

    private static final Logger LOG = Logger.getLogger(ReferenceData.class);

    private final WorkingCalendar calendar;
    private final BricsReference brics;
    private final ReviewRules rules;

    ReferenceData(ReviewConfig config, Clock clock, MeterRegistry meters) {
        WorkingCalendar packaged = WorkingCalendar.parse(lines(config.calendarResource()));
        this.calendar = config.calendarFile().map(file -> packaged.withYearsOf(WorkingCalendar.parse(file(file))))
                .orElse(packaged);
        String source = config.calendarResource() + config.calendarFile().map(f -> " + " + f).orElse("");
        for (int y : missingYears(clock)) {
            // deadlines counted in such a year are provisional: only the fixed-date holidays are known
            LOG.warnf("the working calendar %s does not cover %d: review deadlines over it are Monday-Friday less the"
                    + " fixed-date holidays, flagged provisional; add the State Council's holiday notice for it to"
                    + " susong.tech-contracts.review.calendar-file", source, y);
        }
        Gauge.builder("susong.tech_contracts.calendar.missing.years", () -> missingYears(clock).size())
                .description("how many of this and next business year the working calendar lacks (deadlines over them"
                        + " are provisional): add them to susong.tech-contracts.review.calendar-file")
                .register(meters);
        this.brics = BricsReference.parse(lines(config.bricsResource()));
        ReviewRules.Regime regime;
        try {
            regime = ReviewRules.Regime.valueOf(config.regime());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("susong.tech-contracts.review.regime must be one of "
                    + List.of(ReviewRules.Regime.values()) + ", not " + config.regime(), e);
        }
        this.rules = new ReviewRules(regime, config.calendarDays(), config.workingDays(), config.expertWorkingDays(),
                Money.ofFen(config.expertReviewThresholdFen()));
    }

    /** This and next business year (Asia/Shanghai, on {@code clock}), those the calendar does not cover. */
    public List<Integer> missingYears(Clock clock) {
        int year = LocalDate.now(clock.withZone(BusinessClock.ZONE)).getYear();
        return java.util.stream.IntStream.rangeClosed(year, year + 1).filter(y -> !calendar.covers(y)).boxed().toList();
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    public BricsReference brics() {
        return brics;
    }

    public ReviewRules rules() {
        return rules;
    }

    /** The lines of an operator's file; a file that cannot be read stops the start (its years would silently lack). */
    static List<String> file(String path) {
        try {
            return Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("susong.tech-contracts.review.calendar-file " + path + " cannot be read: " + e,
                    e);
        }
    }

    static List<String> lines(String resource) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            in = ReferenceData.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalStateException("reference data " + resource + " is not on the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
