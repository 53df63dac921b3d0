package org.susong.funds.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;
import org.susong.commons.money.Money;

class InvestmentTest {

    private static final Instant T0 = Instant.parse("2026-11-29T01:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    private static Investment pending(InvestmentTerms terms) {
        return Investment.propose("INV-1", "FUND-VENTURE", terms, Investment.Context.NONE, TODAY, null, false, "fm;officer;;", "request:1", T0);
    }

    @Test
    void a_proposed_investment_is_pending_and_its_commitment_announces_the_terms() {
        // given
        Investment investment = pending(Funds.startUpEquity(3_000_000_000L));

        // when
        Investment.Commitment commitment = investment.commit(T0.plusSeconds(1));

        // then
        assertEquals(InvestmentState.PENDING, investment.state());
        assertEquals(InvestmentState.COMMITTED, commitment.investment().state());
        InvestmentEvent.Committed event = commitment.event();
        assertEquals("INV-1", event.investmentId());
        assertEquals(Money.ofFen(3_000_000_000L), event.amount());
        assertEquals(1250, event.stakeBasisPoints());
        assertEquals(LocalDate.of(2026, 11, 27), event.investedOn());
    }

    @Test
    void a_partial_exit_keeps_the_rest_with_the_realised_multiple_on_the_part() {
        Investment committed = pending(Funds.startUpEquity(10_000)).commit(T0).investment();

        // 4,000 of 10,000 invested sold for 10,000: 2.5x on that part; 6,000 held
        Investment.Exiting first = committed.exit("EXT-1", ExitKind.SALE, TODAY, Money.ofFen(4_000), Money.ofFen(10_000),
                null, TODAY, T0);
        assertEquals(InvestmentState.COMMITTED, first.investment().state());
        assertEquals(Money.ofFen(6_000), first.investment().held());
        assertEquals(25_000, first.event().exit().realisedMultipleBasisPoints());
        assertEquals(Money.ofFen(4_000), first.event().exit().exitedAmount());
        assertNull(first.investment().exit());

        // a part above what remains, or none, names exitedFen; the same exit id twice is refused
        assertEquals("exitedFen", assertThrows(InvestmentViolation.class, () -> first.investment().exit("EXT-2",
                ExitKind.SALE, TODAY, Money.ofFen(6_001), Money.ZERO, null, TODAY, T0)).field());
        assertEquals("exitedFen", assertThrows(InvestmentViolation.class, () -> first.investment().exit("EXT-2",
                ExitKind.SALE, TODAY, Money.ZERO, Money.ZERO, null, TODAY, T0)).field());
        assertThrows(IllegalTransition.class, () -> first.investment().exit("EXT-1", ExitKind.SALE, TODAY,
                Money.ofFen(1), Money.ZERO, null, TODAY, T0));

        // the rest (no part given) for 3,000: 0.5x; the position is left
        Investment.Exiting last = first.investment().exit("EXT-2", ExitKind.BUY_BACK, TODAY, null, Money.ofFen(3_000),
                null, TODAY, T0);
        assertEquals(InvestmentState.EXITED, last.investment().state());
        assertEquals(Money.ZERO, last.investment().held());
        assertEquals(2, last.investment().exits().size());
        assertEquals(5_000, last.investment().exit().realisedMultipleBasisPoints());
        assertEquals(Money.ofFen(13_000), last.investment().proceeds());
        assertThrows(IllegalTransition.class, () -> last.investment().exit("EXT-3", ExitKind.SALE, TODAY, null,
                Money.ZERO, null, TODAY, T0));
    }

    @Test
    void an_investment_is_finished_once() {
        Investment committed = pending(Funds.startUpEquity(1)).commit(T0).investment();
        assertThrows(IllegalTransition.class, () -> committed.commit(T0));
        assertThrows(IllegalTransition.class, () -> committed.refuse("late", Money.ZERO, T0));

        Investment refused = pending(Funds.startUpEquity(100)).refuse("only 0.50 CNY available", Money.ofFen(50), T0);
        assertEquals(Money.ofFen(50), refused.refusal().available());
        assertThrows(IllegalTransition.class, () -> refused.commit(T0));
    }

    @Test
    void terms_out_of_range_name_the_field() {
        assertEquals("amountFen", assertThrows(InvestmentViolation.class, () -> Funds.startUpEquity(0)).field());
        assertEquals("stakePercent", assertThrows(InvestmentViolation.class, () -> new InvestmentTerms(Funds.VALID_USCC,
                "A", Instrument.EQUITY, Money.ofFen(1), 0, TODAY, Stage.START_UP)).field());
        assertEquals("stakePercent", assertThrows(InvestmentViolation.class, () -> new InvestmentTerms(Funds.VALID_USCC,
                "A", Instrument.EQUITY, Money.ofFen(1), 10_001, TODAY, Stage.START_UP)).field());
        assertEquals("round", assertThrows(InvestmentViolation.class, () -> new InvestmentTerms(Funds.VALID_USCC,
                " ", Instrument.EQUITY, Money.ofFen(1), 10_000, TODAY, Stage.START_UP)).field());
    }

    @Test
    void an_investment_cannot_be_dated_after_today_in_shanghai() {
        InvestmentTerms tomorrow = new InvestmentTerms(Funds.VALID_USCC, "A", Instrument.EQUITY, Money.ofFen(1), 100,
                TODAY.plusDays(1), Stage.START_UP);
        assertEquals("investedOn", assertThrows(InvestmentViolation.class, () -> pending(tomorrow)).field());
        InvestmentTerms today = new InvestmentTerms(Funds.VALID_USCC, "A", Instrument.EQUITY, Money.ofFen(1), 100, TODAY,
                Stage.START_UP);
        assertEquals(InvestmentState.PENDING, pending(today).state());
    }

    @Test
    void a_uscc_failing_its_check_character_needs_an_officer_and_a_reason() {
        // given a pilot-era code whose check character should be '3'
        InvestmentTerms terms = new InvestmentTerms(Uscc.parse("91350100M000100Y44"), "A", Instrument.EQUITY,
                Money.ofFen(1), 100, TODAY, Stage.START_UP);

        // then without an officer's reason it is refused, naming the expected character
        UsccOverride.UsccCheckFailed failed = assertThrows(UsccOverride.UsccCheckFailed.class, () -> pending(terms));
        assertEquals('3', failed.expected());
        assertEquals("enterpriseUscc", failed.field());
        assertThrows(UsccOverride.UsccCheckFailed.class, () -> Investment.propose("INV-2", "FUND-VENTURE", terms, Investment.Context.NONE, TODAY, "licence",
                false, "applicant;applicant;;", "r", T0));

        // and an officer with a reason may record it
        Investment accepted = Investment.propose("INV-3", "FUND-VENTURE", terms, Investment.Context.NONE, TODAY, "pilot-era code on the licence",
                true, "o;officer;;", "r", T0);
        assertEquals('3', accepted.usccOverride().expected());
        assertNull(pending(Funds.startUpEquity(1)).usccOverride());
    }
}
