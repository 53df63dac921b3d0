package org.susong.funds.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

/** Grant-to-investment (C1/D1): which conversions a fund can take, and what a taken one becomes. */
class ConversionTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:15:34Z");

    static Fund techInnovation() {
        return Fund.open("FUND-TECH-INNOVATION", new Fund.Names("厦门市技术创新基金", "Technology Innovation Fund"),
                FundKind.TECHNOLOGY_INNOVATION, null, "TBD", Money.ofYuan(20_000_000_000L),
                Map.of(CapitalSource.CITY_FISCAL, Capital.of(400_000_000_000L, 400_000_000_000L)), 1000,
                new Fund.Mandate(EnumSet.of(Stage.GROWTH), List.of("technology-innovation", "digitalisation", "intelligence",
                        "technology-transfer"), EnumSet.of(Instrument.EQUITY, Instrument.CONVERTIBLE)),
                true, new Fund.Provenance(true, "placeholder sizes"));
    }

    static Conversion.Request request(String stage, String field) {
        return new Conversion.Request("CV-D-APP-1", "PO-D-APP-1", "D-APP-1", "APP-1", "91350100M000100Y43", "C1",
                "FUND-TECH-INNOVATION", 30_000_000, "HULI", 2026, T0, stage, field, "ce-1");
    }

    static Optional<Conversion.ReasonCode> check(Conversion.Request request, Optional<Fund> fund) {
        return Conversion.requested(request).check(fund).map(Conversion.Rejection::code);
    }

    @Test
    void the_fund_takes_a_conversion_inside_its_scope_and_says_why_it_cannot_take_others() {
        Fund fund = techInnovation();
        assertEquals(Optional.empty(), check(request("GROWTH", "Technology Transfer"), Optional.of(fund)));
        assertEquals(Optional.empty(), check(request(null, null), Optional.of(fund)), "absent scope facts are not checked");
        assertEquals(Optional.of(Conversion.ReasonCode.OUT_OF_SCOPE), check(request("START_UP", null), Optional.of(fund)));
        assertEquals(Optional.of(Conversion.ReasonCode.OUT_OF_SCOPE), check(request("GROWTH", "real estate"), Optional.of(fund)));
        assertEquals(Optional.of(Conversion.ReasonCode.UNKNOWN_FUND), check(request("GROWTH", null), Optional.empty()));
        Fund closed = new Fund(fund.id(), fund.names(), fund.kind(), null, fund.manager(), fund.targetSize(), fund.capital(),
                fund.reserveBasisPoints(), fund.reserve(), fund.mandate(), FundStatus.CLOSED, true, fund.provenance(),
                Money.ZERO, Money.ZERO);
        assertEquals(Optional.of(Conversion.ReasonCode.FUND_CLOSED), check(request("GROWTH", null), Optional.of(closed)));
        assertEquals(Optional.of(Conversion.ReasonCode.INVALID), check(request("SEED", null), Optional.of(fund)));
    }

    @Test
    void a_completed_conversion_is_an_equity_position_under_a_deterministic_id_with_no_stake() {
        Conversion.Completion completion = Conversion.requested(request(null, "digitalisation"))
                .complete(techInnovation(), LocalDate.of(2026, 11, 29), "system;system;;", T0);

        Investment position = completion.position();
        assertEquals("INV-CV-D-APP-1", position.id());
        assertEquals(InvestmentState.COMMITTED, position.state());
        assertEquals(Instrument.EQUITY, position.terms().instrument());
        assertNull(position.terms().stakeBasisPoints());
        assertEquals(Stage.GROWTH, position.terms().stage());
        assertTrue(position.context().stageAssumed(), "no stage given: the fund's, flagged");
        assertEquals("CV-D-APP-1", position.context().conversionId());
        assertEquals(Conversion.ConversionState.COMPLETED, completion.conversion().state());
        assertThrows(IllegalTransition.class, () -> completion.conversion().reject(
                new Conversion.Rejection(Conversion.ReasonCode.INVALID, "x"), T0));
    }

    @Test
    void a_redelivery_with_other_terms_is_not_the_same_request() {
        Conversion.Request original = request("GROWTH", null);
        Conversion.Request republished = new Conversion.Request("CV-D-APP-1", "PO-D-APP-1", "D-APP-1", "APP-1",
                "91350100M000100Y43", "C1", "FUND-TECH-INNOVATION", 30_000_000, "HULI", 2026, T0.plusSeconds(5), "GROWTH",
                null, "ce-2");
        assertTrue(original.sameTermsAs(republished), "a re-publish differs only in event id and time");
        Conversion.Request modified = new Conversion.Request("CV-D-APP-1", "PO-D-APP-1", "D-APP-1", "APP-1",
                "91350100M000100Y43", "C1", "FUND-TECH-INNOVATION", 31_000_000, "HULI", 2026, T0, "GROWTH", null, "ce-3");
        assertTrue(!original.sameTermsAs(modified));
    }
}
