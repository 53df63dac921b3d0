package org.susong.techcontracts.application;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

/** The working-day calendar, the BRICS reference data and the review rules, read once from config and resources. */
@ApplicationScoped
public class ReferenceData {

    private static final Logger LOG = Logger.getLogger(ReferenceData.class);

    private final WorkingCalendar calendar;
    private final BricsReference brics;
    private final ReviewRules rules;

    ReferenceData(ReviewConfig config, Clock clock, MeterRegistry meters) {
        this.calendar = WorkingCalendar.parse(lines(config.calendarResource()));
        int year = LocalDate.now(clock.withZone(BusinessClock.ZONE)).getYear();
        for (int y = year; y <= year + 1; y++) {
            if (!calendar.covers(y)) {
                // deadlines counted in such a year are provisional: only the fixed-date holidays are known
                LOG.warnf("the working calendar %s does not cover %d: add the State Council's holiday notice for it",
                        config.calendarResource(), y);
            }
        }
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

    public WorkingCalendar calendar() {
        return calendar;
    }

    public BricsReference brics() {
        return brics;
    }

    public ReviewRules rules() {
        return rules;
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
