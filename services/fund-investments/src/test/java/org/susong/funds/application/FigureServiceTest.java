package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;

/**
 * The C1 and C2 figures on the seeded funds (seed/funds.json, every figure a placeholder): the
 * formulas of docs/services/fund-investments.md with numbers worked out by hand.
 */
class FigureServiceTest {

    private static final List<Fund> SEEDED = FundSeederTest.SEEDER.seedFunds();

    @Test
    void c2_scale_counts_the_three_named_fund_families_against_100_billion_and_reports_the_others_beside_it() {
        FigureService.Scale scale = FigureService.scale(SEEDED);

        // venture 14 bn + credit enhancement 3 bn + technology innovation 15 bn committed (placeholders); sub-funds 0
        assertEquals(Money.ofYuan(100_000_000_000L).fen(), scale.targetFen());
        assertEquals(Money.ofYuan(32_000_000_000L).fen(), scale.inTargetCommittedFen());
        assertEquals(Money.ofYuan(14_500_000_000L).fen(), scale.inTargetPaidInFen());
        assertEquals(3_200, scale.progressBasisPoints(), "32 bn of 100 bn = 32.00 %");
        assertEquals(List.of("FUND-CREDIT-ENHANCEMENT", "FUND-TECH-INNOVATION", "FUND-VENTURE"),
                scale.inTarget().stream().map(FigureService.FundFamily::fundId).toList());
        FigureService.FundFamily venture = scale.inTarget().get(2);
        assertEquals(8, venture.subFunds(), "the 8 sub-funds of the 2023 baseline roll up into the venture fund");
        assertEquals(List.of(org.susong.funds.domain.Reading.VENTURE_SUB_FUNDS_PARENT), venture.readings(),
                "that they are the venture fund's is a reading of 厦门科技创新创业引导基金首批参股子基金 (issue 16 item 7)");
        assertEquals(List.of(), scale.inTarget().get(1).readings());
        assertEquals(1, scale.inTarget().get(0).subFunds(), "the S&T credit-enhancement sub-fund");
        // guidance 8 bn + SOE strategic 4 bn: beside the target, not in it
        assertEquals(Money.ofYuan(12_000_000_000L).fen(), scale.otherCommittedFen());
        assertEquals(List.of("FUND-INDUSTRY-GUIDANCE", "FUND-SOE-STRATEGIC"),
                scale.others().stream().map(FigureService.FundFamily::fundId).toList());
        assertTrue(scale.placeholderFigures());
    }

    @Test
    void every_fund_is_shown_against_its_own_target_size() {
        FigureService.Scale scale = FigureService.scale(SEEDED);
        assertEquals(SEEDED.size(), scale.funds().size());
        FigureService.FundAgainstTarget venture = scale.funds().stream().filter(f -> f.fundId().equals("FUND-VENTURE"))
                .findFirst().orElseThrow();
        // 14 bn committed and 6 bn paid in of a 20 bn target (placeholders)
        assertEquals(Money.ofYuan(20_000_000_000L).fen(), venture.targetSizeFen());
        assertEquals(7_000L, venture.committedOfTargetBasisPoints());
        assertEquals(3_000L, venture.paidInOfTargetBasisPoints());
        FigureService.FundAgainstTarget sub = scale.funds().stream()
                .filter(f -> f.fundId().equals("FUND-VENTURE-SUB-01")).findFirst().orElseThrow();
        assertEquals("FUND-VENTURE", sub.parentFundId());
        assertEquals(null, sub.committedOfTargetBasisPoints(), "no target yet: no share");
        assertTrue(sub.placeholder());
    }

    @Test
    void c1_leverage_is_all_money_committed_over_fiscal_money_committed() {
        FigureService.Leverage leverage = FigureService.leverage(SEEDED);

        // fiscal (city + district): venture 8 + credit 2.5 + tech 10 + guidance 5 + SOE fund 0 = 25.5 bn
        assertEquals(Money.ofYuan(25_500_000_000L).fen(), leverage.fiscalCommittedFen());
        // all sources: 14 + 3 + 15 + 8 + 4 = 44 bn
        assertEquals(Money.ofYuan(44_000_000_000L).fen(), leverage.mobilisedCommittedFen());
        assertEquals(172L, leverage.leverageHundredths(), "44 / 25.5 = 1.7254..., rounded down to 1.72 against the goal of 10");
        assertEquals(10, leverage.leverageGoal());
        assertEquals(List.of(org.susong.funds.domain.Reading.LEVERAGE_GOAL), leverage.readings(),
                "the goal is a reading of 300亿 ... 3000亿, not the source's words (issue 16 item 7)");
        assertEquals(8_500, leverage.fiscalShareOfC1BasisPoints(), "25.5 bn is 85 % of C1's 30 bn fiscal money");
        // social capital: venture 4 + technology innovation 3 + guidance 2 + SOE fund 1 = 10 bn
        assertEquals(Money.ofYuan(10_000_000_000L).fen(), leverage.committedBySource().get(CapitalSource.SOCIAL_CAPITAL));
        assertEquals(0, leverage.convertedFen());
    }
}
