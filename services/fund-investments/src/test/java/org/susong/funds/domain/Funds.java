package org.susong.funds.domain;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;

/** Object mother: funds and terms shaped like the seed file's (figures are its placeholders). */
final class Funds {

    static final Uscc VALID_USCC = Uscc.parse("91350100M000100Y43");

    private Funds() {
    }

    /** FUND-VENTURE as seeded: 6,000,000,000 CNY paid in, 10% reserve (both placeholders). */
    static Fund venture() {
        return Fund.open("FUND-VENTURE", new Fund.Names("厦门市科创风投基金", "Xiamen S&T Venture (Guidance) Fund"),
                FundKind.VENTURE, null, "TBD", Money.ofYuan(20_000_000_000L), Map.of(
                        CapitalSource.CITY_FISCAL, Capital.of(600_000_000_000L, 300_000_000_000L),
                        CapitalSource.DISTRICT, Capital.of(200_000_000_000L, 100_000_000_000L),
                        CapitalSource.SOE, Capital.of(200_000_000_000L, 100_000_000_000L),
                        CapitalSource.SOCIAL_CAPITAL, Capital.of(400_000_000_000L, 100_000_000_000L)),
                1000, new Fund.Mandate(EnumSet.of(Stage.START_UP), List.of("start-ups"),
                        EnumSet.of(Instrument.EQUITY, Instrument.CONVERTIBLE)),
                true, new Fund.Provenance(true, "placeholder sizes"));
    }

    static Fund withPaidIn(long paidInFen, int reserveBasisPoints) {
        return Fund.open("FUND-T", new Fund.Names("测试基金", "Test fund"), FundKind.VENTURE, null, "TBD", Money.ofFen(paidInFen),
                Map.of(CapitalSource.CITY_FISCAL, Capital.of(paidInFen, paidInFen)), reserveBasisPoints,
                new Fund.Mandate(EnumSet.of(Stage.START_UP), List.of(), EnumSet.of(Instrument.EQUITY)), true,
                new Fund.Provenance(true, "test"));
    }

    static InvestmentTerms startUpEquity(long amountFen) {
        return new InvestmentTerms(VALID_USCC, "Series A", Instrument.EQUITY, Money.ofFen(amountFen), 1250,
                LocalDate.of(2026, 11, 27), Stage.START_UP);
    }
}
