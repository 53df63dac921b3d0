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

    static final FundSeeder SEEDER = new FundSeeder(null, new SeedConfig() {
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
        public long secondApprovalAboveFen() {
            return 5_000_000_000L;
        }

        @Override
        public long feeSecondApprovalAboveFen() {
            return 500_000_000L;
        }

        @Override
        public int resumeBatch() {
            return 100;
        }

        @Override
        public Duration approvalExpiresAfter() {
            return Duration.ofDays(7);
        }

        @Override
        public Duration dailyTotalsKeptFor() {
            return Duration.ofDays(40);
        }

        @Override
        public Duration sweepEvery() {
            return Duration.ofMinutes(10);
        }
    }, new ObjectMapper(), Clock.systemUTC());

    @Test
    void the_three_funds_of_the_hundred_billion_target_and_the_separate_ones_are_seeded() {
        Map<String, Fund> funds = SEEDER.seedFunds().stream().collect(Collectors.toMap(Fund::id, Function.identity()));

        // C2: venture, credit-enhancement and technology-innovation funds count in the 100-billion target
        assertEquals(List.of(FundKind.VENTURE, FundKind.CREDIT_ENHANCEMENT, FundKind.TECHNOLOGY_INNOVATION),
                funds.values().stream().filter(f -> !f.subFund()).filter(Fund::inHundredBillionTarget).map(Fund::kind).sorted()
                        .toList());
        // guidance and SOE strategic funds are reported separately
        assertFalse(funds.get("FUND-INDUSTRY-GUIDANCE").inHundredBillionTarget());
        assertFalse(funds.get("FUND-SOE-STRATEGIC").inHundredBillionTarget());
    }

    @Test
    void the_2023_baseline_sub_funds_belong_to_their_parents_as_flagged_placeholders() {
        Map<String, Fund> funds = SEEDER.seedFunds().stream().collect(Collectors.toMap(Fund::id, Function.identity()));

        // baseline 2023: 8 sub-funds of the S&T venture guidance fund landed (no details in the source)
        List<Fund> ventureSubs = funds.values().stream().filter(f -> "FUND-VENTURE".equals(f.parentFundId())).toList();
        assertEquals(8, ventureSubs.size());
        for (Fund sub : ventureSubs) {
            assertTrue(sub.provenance().placeholder(), sub.id());
            assertEquals(Money.ZERO, sub.committed(), "no figures are invented for " + sub.id());
            assertTrue(sub.inHundredBillionTarget(), sub.id());
        }
        // C2: the S&T credit-enhancement sub-fund belongs to the credit-enhancement fund
        assertEquals("FUND-CREDIT-ENHANCEMENT", funds.get("FUND-CREDIT-ENHANCEMENT-ST").parentFundId());
        // the technology-innovation fund's scope now includes digitalisation, intelligence and technology transfer
        Fund tech = funds.get("FUND-TECH-INNOVATION");
        assertTrue(tech.mandate().coversField("Digitalisation") && tech.mandate().coversField("intelligence")
                && tech.mandate().coversField("technology transfer"));
        assertFalse(tech.mandate().coversField("real estate"));
    }

    @Test
    void every_seeded_figure_is_flagged_as_a_placeholder_with_a_note() {
        for (Fund fund : SEEDER.seedFunds()) {
            assertTrue(fund.provenance().placeholder(), fund.id());
            assertTrue(fund.provenance().note().toLowerCase().contains("placeholder"), fund.id());
            assertEquals(1000, fund.reserveBasisPoints(), "no seed entry sets its own reserve: the configured default applies");
            assertTrue(fund.subFund() ? fund.committed().fen() == 0 : fund.available().isPositive(), fund.id());
        }
        // the placeholder sizes must not pretend to split the 100 billion: they are below it in total
        Money inTarget = SEEDER.seedFunds().stream().filter(Fund::inHundredBillionTarget).map(Fund::targetSize)
                .reduce(Money.ZERO, Money::plus);
        assertTrue(Money.ofYuan(100_000_000_000L).greaterThan(inTarget));
    }
}
