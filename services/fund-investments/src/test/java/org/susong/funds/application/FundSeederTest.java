package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.config.SeedConfig;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundKind;

/** The seed file: the funds of measure C2, every figure flagged as a placeholder. */
class FundSeederTest {

    private static final FundSeeder SEEDER = new FundSeeder(null, new SeedConfig() {
        @Override
        public boolean onStart() {
            return false;
        }

        @Override
        public String fundsResource() {
            return "seed/funds.json";
        }
    }, new FundsConfig() {
        @Override
        public int defaultReserveBasisPoints() {
            return 1000;
        }

        @Override
        public Duration resumeAfter() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration resumeEvery() {
            return Duration.ofSeconds(2);
        }

        @Override
        public int resumeBatch() {
            return 100;
        }
    }, new ObjectMapper(), Clock.systemUTC());

    @Test
    void the_three_funds_of_the_hundred_billion_target_and_the_separate_ones_are_seeded() {
        Map<String, Fund> funds = SEEDER.seedFunds().stream().collect(Collectors.toMap(Fund::id, Function.identity()));

        // C2: venture, credit-enhancement and technology-innovation funds count in the 100-billion target
        assertEquals(List.of(FundKind.VENTURE, FundKind.CREDIT_ENHANCEMENT, FundKind.TECHNOLOGY_INNOVATION),
                funds.values().stream().filter(Fund::inHundredBillionTarget).map(Fund::kind).sorted().toList());
        // guidance and SOE strategic funds are reported separately
        assertFalse(funds.get("FUND-INDUSTRY-GUIDANCE").inHundredBillionTarget());
        assertFalse(funds.get("FUND-SOE-STRATEGIC").inHundredBillionTarget());
    }

    @Test
    void every_seeded_figure_is_flagged_as_a_placeholder_with_a_note() {
        for (Fund fund : SEEDER.seedFunds()) {
            assertTrue(fund.provenance().placeholder(), fund.id());
            assertTrue(fund.provenance().note().contains("placeholder"), fund.id());
            assertEquals(1000, fund.reserveBasisPoints(), "no seed entry sets its own reserve: the configured default applies");
            assertTrue(fund.available().isPositive(), fund.id());
        }
        // the placeholder sizes must not pretend to split the 100 billion: they are below it in total
        Money inTarget = SEEDER.seedFunds().stream().filter(Fund::inHundredBillionTarget).map(Fund::targetSize)
                .reduce(Money.ZERO, Money::plus);
        assertTrue(Money.ofYuan(100_000_000_000L).greaterThan(inTarget));
    }
}
