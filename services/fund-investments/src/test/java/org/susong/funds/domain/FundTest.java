package org.susong.funds.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

/** Measure C2: what a fund may still invest is paid-in - reserve - invested. */
class FundTest {

    @Test
    void available_money_is_paid_in_less_reserve_less_invested() {
        // given FUND-VENTURE as seeded (placeholder figures): 6,000,000,000 CNY paid in, 10% reserve
        Fund fund = Funds.venture();

        // then
        assertEquals(Money.ofYuan(14_000_000_000L), fund.committed());
        assertEquals(Money.ofYuan(6_000_000_000L), fund.paidIn());
        assertEquals(Money.ofYuan(600_000_000L), fund.reserve());
        assertEquals(Money.ofYuan(5_400_000_000L), fund.available());
    }

    @Test
    void the_reserve_is_rounded_up_to_the_fen_so_it_never_falls_short() {
        // given 10.01 CNY paid in and a 10% reserve: 100.1 fen
        Fund fund = Funds.withPaidIn(1001, 1000);

        // then the reserve holds 101 fen back and 900 fen may be invested
        assertEquals(Money.ofFen(101), fund.reserve());
        assertEquals(Money.ofFen(900), fund.available());
    }

    @Test
    void a_fund_cannot_be_opened_with_more_committed_than_its_target_or_more_paid_in_than_committed() {
        assertThrows(IllegalArgumentException.class, () -> Capital.of(100, 101));
        assertThrows(IllegalArgumentException.class, () -> Fund.open("FUND-X", new Fund.Names("x", "x"), FundKind.VENTURE,
                null, "TBD", Money.ofFen(100), Map.of(CapitalSource.SOE, Capital.of(101, 0)), 0,
                new Fund.Mandate(EnumSet.of(Stage.GROWTH), List.of(), EnumSet.of(Instrument.EQUITY)), true,
                new Fund.Provenance(true, "test")));
        assertThrows(IllegalArgumentException.class, () -> Funds.withPaidIn(100, 10_001));
    }

    @Test
    void an_investment_outside_the_mandate_names_the_field() {
        // given the venture fund, which serves start-ups with equity and convertibles
        Fund fund = Funds.venture();

        // when a growth-stage investment or a guarantee is offered, then it is refused naming the field
        InvestmentViolation stage = assertThrows(InvestmentViolation.class, () -> fund.accepts(new InvestmentTerms(
                Funds.VALID_USCC, "B", Instrument.EQUITY, Money.ofFen(1), 100, LocalDate.of(2026, 1, 1), Stage.GROWTH)));
        assertEquals("stage", stage.field());
        InvestmentViolation instrument = assertThrows(InvestmentViolation.class, () -> fund.accepts(new InvestmentTerms(
                Funds.VALID_USCC, "B", Instrument.CREDIT_ENHANCEMENT_GUARANTEE, Money.ofFen(1), 100,
                LocalDate.of(2026, 1, 1), Stage.START_UP)));
        assertEquals("instrument", instrument.field());
        fund.accepts(Funds.startUpEquity(1));
    }

    @Test
    void a_closed_fund_takes_no_investment() {
        Fund open = Funds.venture();
        Fund closed = new Fund(open.id(), open.names(), open.kind(), null, open.manager(), open.targetSize(), open.capital(),
                open.reserveBasisPoints(), open.reserve(), open.mandate(), FundStatus.CLOSED, true, open.provenance(),
                Money.ZERO, Money.ZERO);
        assertThrows(FundNotOpen.class, () -> closed.accepts(Funds.startUpEquity(1)));
    }

    @Test
    void the_government_share_is_fiscal_money_over_all_commitments() {
        // FUND-VENTURE as seeded: city 6 bn + district 2 bn of 14 bn committed (placeholders) = 57.14 %
        assertEquals(5_714, Funds.venture().governmentShareBasisPoints());
        assertEquals(Money.ofYuan(8_000_000_000L), Funds.venture().fiscalCommitted());
    }

    @Test
    void each_paid_in_increment_holds_back_its_reserve_rounded_up() {
        // 10 % of 10.01 CNY is 100.1 fen: 101 fen held back, never less than the share
        assertEquals(Money.ofFen(101), Funds.venture().reserveFor(Money.ofFen(1001)));
        assertEquals(Money.ZERO, Fund.reserveFor(Money.ofFen(1001), 0));
        assertEquals(Money.ofFen(1001), Fund.reserveFor(Money.ofFen(1001), 10_000));
    }

    @Test
    void capital_is_called_before_it_is_paid_in() {
        assertThrows(IllegalArgumentException.class, () -> new Capital(Money.ofFen(100), Money.ofFen(50), Money.ofFen(60)));
        assertThrows(IllegalArgumentException.class, () -> new Capital(Money.ofFen(100), Money.ofFen(101), Money.ZERO));
        assertEquals(Money.ofFen(40), new Capital(Money.ofFen(100), Money.ofFen(60), Money.ofFen(60)).uncalled());
    }
}
