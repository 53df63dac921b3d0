package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Conversion;
import org.susong.funds.domain.ExitKind;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.Stage;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.ConversionRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;
import org.susong.funds.persistence.PortfolioRepository;
import org.susong.funds.persistence.StalledFunds;
import org.susong.funds.persistence.StalledInvestments;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Interleavings a code review found (issues 12 and 22), reproduced deterministically: a second
 * instance of a service whose store access stalls at a latch while the real instance (or the
 * resumer) does the same work, then goes on. The fund's counters must have moved once.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class StalledWritersTest {

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @Inject
    ConversionService conversionService;
    @Inject
    ConversionRepository conversions;
    @Inject
    FundRepository funds;
    @Inject
    InvestmentRepository investments;
    @Inject
    PortfolioRepository portfolios;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper json;
    @Inject
    FundsConfig config;
    @Inject
    Clock clock;
    @Inject
    CapitalService capitalService;
    @Inject
    CapitalMovementRepository movements;
    @Inject
    InvestmentService investmentService;
    @Inject
    MeterRegistry registry;

    /** A resumer on a replica whose clock is an hour ahead: every lease a request holds now has expired for it. */
    InvestmentResumer resumerAnHourLater() {
        return new InvestmentResumer(investments, investmentService, movements, capitalService, config,
                Clock.offset(clock, Duration.ofHours(1)), registry);
    }

    static Conversion.Request conversion(String fundCode, long amountFen) {
        String applicationId = "APP-20261203-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String decisionId = "D-" + applicationId;
        return new Conversion.Request("CV-" + decisionId, "PO-" + decisionId, decisionId, applicationId,
                Usccs.of("91350203", "MA", ThreadLocalRandom.current().nextInt(10_000_000)), "C1", fundCode, amountFen, "HULI", 2026, Arc.container().instance(Clock.class).get().instant(),
                "START_UP", null, UUID.randomUUID().toString());
    }

    /** A delivery of the same record by the real service: a live claim of another delivery makes it retry later. */
    Conversion redeliver(Conversion.Request request) {
        try {
            return conversionService.onRequested(request);
        } catch (TransientFailure e) {
            return null;
        }
    }

    /** The fund took the conversion once: each counter moved by its amount, and the audit invariants hold. */
    void assertConvertedOnce(String fundId, Fund before, long amountFen) {
        Fund after = funds.find(fundId).orElseThrow();
        assertEquals(before.paidIn().fen() + amountFen, after.paidIn().fen(), "paid-in");
        assertEquals(before.called().fen() + amountFen, after.called().fen(), "called");
        assertEquals(before.committed().fen() + amountFen, after.committed().fen(), "committed");
        assertEquals(before.invested().fen() + amountFen, after.invested().fen(), "invested");
        assertEquals(before.converted().fen() + amountFen, after.converted().fen(), "converted");
        assertEquals(before.capital().get(CapitalSource.CITY_FISCAL).paidIn().fen() + amountFen,
                after.capital().get(CapitalSource.CITY_FISCAL).paidIn().fen(), "city fiscal paid-in");
        assertBalanced(fundId);
    }

    void assertBalanced(String fundId) {
        FundInvariants.assertBalanced(funds, fundId);
    }

    @Test
    void a_redelivered_conversion_while_the_first_delivery_is_stalled_before_the_fund_moves_is_applied_once()
            throws Exception {
        // given a conversion whose first delivery recorded it and stalls before it moves the fund
        String fundId = "FUND-VENTURE-SUB-03";
        Fund before = funds.find(fundId).orElseThrow();
        Conversion.Request request = conversion(fundId, 2_000_000);
        StalledFunds stalledFunds = new StalledFunds(mongo, database, fundId);
        ConversionService stalled = new ConversionService(conversions, stalledFunds, investments, portfolios, relay, json,
                config, clock);
        CompletableFuture<Conversion> first = CompletableFuture.supplyAsync(() -> stalled.onRequested(request));
        assertTrue(stalledFunds.reached.await(20, TimeUnit.SECONDS), "the first delivery reached the fund");

        // when the record is delivered again meanwhile (a rebalance hands the partition to another consumer)
        redeliver(request);
        // and the first delivery goes on, and Kafka delivers the record once more
        stalledFunds.release.countDown();
        assertEquals(Conversion.ConversionState.COMPLETED, first.get(20, TimeUnit.SECONDS).state());
        assertEquals(Conversion.ConversionState.COMPLETED, redeliver(request).state());

        // then the fund took the award once
        assertConvertedOnce(fundId, before, 2_000_000);
    }

    @Test
    void a_delivery_that_stalls_past_its_claim_while_a_redelivery_finishes_the_conversion_moves_no_money() throws Exception {
        // given a delivery whose claim on the conversion expires while it stalls before moving the fund
        // (its clock is an hour behind: the claim it takes is stale at once)
        String fundId = "FUND-VENTURE-SUB-04";
        Fund before = funds.find(fundId).orElseThrow();
        Conversion.Request request = conversion(fundId, 3_000_000);
        StalledFunds stalledFunds = new StalledFunds(mongo, database, fundId);
        ConversionService stalled = new ConversionService(conversions, stalledFunds, investments, portfolios, relay, json,
                config, Clock.offset(clock, Duration.ofHours(-1)));
        CompletableFuture<Conversion> first = CompletableFuture.supplyAsync(() -> stalled.onRequested(request));
        assertTrue(stalledFunds.reached.await(20, TimeUnit.SECONDS), "the first delivery reached the fund");

        // when a redelivery takes the conversion over and finishes it, and then the stalled delivery goes on
        assertEquals(Conversion.ConversionState.COMPLETED, redeliver(request).state());
        stalledFunds.release.countDown();
        assertEquals(Conversion.ConversionState.COMPLETED, first.get(20, TimeUnit.SECONDS).state());

        // then the fund took the award once
        assertConvertedOnce(fundId, before, 3_000_000);
    }

    @Test
    void a_capital_payment_that_stalls_past_its_lease_while_the_resumer_applies_it_is_paid_in_once() throws Exception {
        // given social capital committed to the technology-innovation fund and called
        String fundId = "FUND-TECH-INNOVATION";
        LocalDate today = LocalDate.now(clock.withZone(BusinessClock.ZONE));
        capitalService.commit(FundInvariants.ADMIN, fundId, CapitalSource.SOCIAL_CAPITAL, 10_000_000, today, "test");
        String callId = capitalService.call(FundInvariants.ADMIN, fundId, CapitalSource.SOCIAL_CAPITAL, 10_000_000, today,
                "test").id();
        Fund before = funds.find(fundId).orElseThrow();
        long reserveBefore = before.reserve().fen();
        long availableBefore = funds.available(fundId).orElseThrow().fen();

        // and a payment of the call that records its intent and stalls before it moves the fund
        StalledFunds stalledFunds = new StalledFunds(mongo, database, fundId);
        CapitalService stalled = new CapitalService(stalledFunds, movements, investments, relay, config, json, clock,
                new org.susong.commons.idempotency.IdempotencyInFlight());
        CompletableFuture<CapitalMovement> payment = CompletableFuture.supplyAsync(() -> stalled.payIn(FundInvariants.ADMIN,
                fundId, callId, today, "stalled"));
        assertTrue(stalledFunds.reached.await(20, TimeUnit.SECONDS), "the payment reached the fund");

        // when its lease has expired for a resumer, which applies and finishes the payment
        resumerAnHourLater().resumeStale();
        assertEquals(CapitalMovement.State.APPLIED, movements.find(CapitalMovement.paymentId(callId)).orElseThrow().state());
        // and then the stalled request goes on
        stalledFunds.release.countDown();
        assertEquals(CapitalMovement.State.APPLIED, payment.get(20, TimeUnit.SECONDS).state());

        // then the call is paid in once: paid-in never exceeds called, the fund cannot invest money never paid in
        Fund after = funds.find(fundId).orElseThrow();
        assertEquals(before.paidIn().fen() + 10_000_000, after.paidIn().fen(), "paid-in");
        assertEquals(before.capital().get(CapitalSource.SOCIAL_CAPITAL).paidIn().fen() + 10_000_000,
                after.capital().get(CapitalSource.SOCIAL_CAPITAL).paidIn().fen(), "social capital paid-in");
        assertEquals(reserveBefore + 1_000_000, after.reserve().fen(), "reserve (10 %)");
        assertEquals(availableBefore + 9_000_000, funds.available(fundId).orElseThrow().fen(), "available");
        assertBalanced(fundId);
    }

    static String enterprise() {
        return Usccs.of("91350206", "MA", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    InvestmentService.InvestCommand round(String enterprise, String round, String firstRoundId) {
        return new InvestmentService.InvestCommand("FUND-VENTURE", enterprise, round, Instrument.EQUITY, 1_000_000, 100,
                LocalDate.now(clock.withZone(BusinessClock.ZONE)), Stage.START_UP, null, null, null,
                firstRoundId != null, firstRoundId, false, null);
    }

    String invest(InvestmentService.InvestCommand command) {
        return investmentService.invest(FundInvariants.ADMIN, command, null).investment().id();
    }

    void exit(String investmentId) {
        investmentService.exit(FundInvariants.ADMIN, "FUND-VENTURE", investmentId, new InvestmentService.ExitCommand(
                ExitKind.SALE, LocalDate.now(clock.withZone(BusinessClock.ZONE)), 2_000_000, "sold"));
    }

    @Test
    void no_follow_on_is_made_on_a_chain_whose_first_round_the_fund_has_exited() {
        // given a first round, a follow-on of it, and the fund's exit from the first round
        String enterprise = enterprise();
        String first = invest(round(enterprise, "Series A", null));
        String second = invest(round(enterprise, "Series B", first));
        exit(first);

        // when a further round names the follow-on (still COMMITTED) as the round it follows
        ProblemException refused = assertThrows(ProblemException.class,
                () -> invest(round(enterprise, "Series C", second)));

        // then it is refused naming firstRoundId: the chain's first round is exited
        assertEquals(422, refused.status());
        assertEquals("firstRoundId", refused.field());
    }

    @Test
    void a_follow_on_whose_first_round_is_exited_while_the_request_is_stalled_is_refused() throws Exception {
        // given a first round, and a follow-on request that checked it and stalls after writing its intent
        String enterprise = enterprise();
        String first = invest(round(enterprise, "Series A", null));
        long investedBefore = funds.find("FUND-VENTURE").orElseThrow().invested().fen();
        StalledInvestments stalledInvestments = new StalledInvestments(mongo, database);
        InvestmentService stalled = new InvestmentService(funds, stalledInvestments, portfolios, relay, config, json, clock,
                movements, capitalService);
        CompletableFuture<InvestmentService.Invested> followOn = CompletableFuture.supplyAsync(
                () -> stalled.invest(FundInvariants.ADMIN, round(enterprise, "Series B", first), null));
        assertTrue(stalledInvestments.reached.await(20, TimeUnit.SECONDS), "the follow-on wrote its intent");

        // when the fund exits the first round meanwhile, and the request goes on
        exit(first);
        stalledInvestments.release.countDown();

        // then the follow-on is refused naming firstRoundId, and the fund invested nothing
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> followOn.get(20, TimeUnit.SECONDS));
        ProblemException refused = assertInstanceOf(ProblemException.class, failure.getCause());
        assertEquals("firstRoundId", refused.field(), refused.getMessage());
        String followOnId = (String) refused.extensions().get("investmentId");
        assertEquals(InvestmentState.REFUSED, investments.find(followOnId).map(Investment::state).orElseThrow());
        assertEquals(investedBefore, funds.find("FUND-VENTURE").orElseThrow().invested().fen());
        assertBalanced("FUND-VENTURE");
    }

    /**
     * Found by the second reader of issue 22.7: the resumer refuses a follow-on whose first round was exited while
     * its request stalled right before moving the fund; the stalled request must not move the fund afterwards (a
     * REFUSED investment holding fund money).
     */
    @Test
    void a_follow_on_the_resumer_refused_moves_no_money_when_its_stalled_request_goes_on() throws Exception {
        String enterprise = enterprise();
        String first = invest(round(enterprise, "Series A", null));
        StalledFunds stalledFunds = StalledFunds.beforeApply(mongo, database, "FUND-VENTURE");
        InvestmentService stalled = new InvestmentService(stalledFunds, investments, portfolios, relay, config, json, clock,
                movements, capitalService);
        CompletableFuture<InvestmentService.Invested> followOn = CompletableFuture.supplyAsync(
                () -> stalled.invest(FundInvariants.ADMIN, round(enterprise, "Series B", first), null));
        assertTrue(stalledFunds.reached.await(20, TimeUnit.SECONDS), "the follow-on is about to move the fund");

        // the first round is exited, and a resumer an hour later takes the follow-on over and refuses it
        exit(first);
        long investedBefore = funds.find("FUND-VENTURE").orElseThrow().invested().fen();
        String followOnId = investments.stalePending(clock.instant().plus(Duration.ofHours(1)), 1000).stream()
                .map(id -> investments.find(id).orElseThrow())
                .filter(i -> "Series B".equals(i.terms().round()) && enterprise.equals(i.terms().enterpriseUscc().value()))
                .findFirst().orElseThrow().id();
        resumerAnHourLater().resumeStale();
        assertEquals(InvestmentState.REFUSED, investments.find(followOnId).map(Investment::state).orElseThrow());

        // then the stalled request goes on: it moves nothing
        stalledFunds.release.countDown();
        try {
            followOn.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // answered as refused
        }
        assertEquals(InvestmentState.REFUSED, investments.find(followOnId).map(Investment::state).orElseThrow());
        assertEquals(investedBefore, funds.find("FUND-VENTURE").orElseThrow().invested().fen(),
                "a refused follow-on holds no fund money");
        assertBalanced("FUND-VENTURE");
    }

    @Test
    void a_capital_call_the_resumer_refused_is_not_applied_by_the_request_that_stalled_past_its_lease() throws Exception {
        // given a call of district capital beyond what the district committed and was not called, stalled by its
        // request right before it moves the fund
        String fundId = "FUND-TECH-INNOVATION";
        LocalDate today = LocalDate.now(clock.withZone(BusinessClock.ZONE));
        Fund before = funds.find(fundId).orElseThrow();
        long uncalled = before.capital().get(CapitalSource.DISTRICT).uncalled().fen();
        String reference = "stalled-" + UUID.randomUUID();
        StalledFunds stalledFunds = StalledFunds.beforeCall(mongo, database, fundId);
        CapitalService stalled = new CapitalService(stalledFunds, movements, investments, relay, config, json, clock,
                new org.susong.commons.idempotency.IdempotencyInFlight());
        CompletableFuture<CapitalMovement> call = CompletableFuture.supplyAsync(() -> stalled.call(FundInvariants.ADMIN,
                fundId, CapitalSource.DISTRICT, uncalled + 5_000_000, today, reference));
        assertTrue(stalledFunds.reached.await(20, TimeUnit.SECONDS), "the call reached the fund");

        // when a resumer whose clock is an hour ahead finishes it: refused, the district has not committed enough
        resumerAnHourLater().resumeStale();
        CapitalMovement refused = movements.ofFund(fundId).stream().filter(m -> reference.equals(m.reference()))
                .findFirst().orElseThrow();
        assertEquals(CapitalMovement.State.REFUSED, refused.state());
        // and the district commits 10 million more, and then the stalled request goes on
        capitalService.commit(FundInvariants.ADMIN, fundId, CapitalSource.DISTRICT, 10_000_000, today, "more");
        stalledFunds.release.countDown();
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
        assertEquals("amountFen", assertInstanceOf(ProblemException.class, failure.getCause()).field());

        // then the refused call moved nothing: the fund's called capital is what it was, the district's uncalled grew
        Fund after = funds.find(fundId).orElseThrow();
        assertEquals(before.called().fen(), after.called().fen(), "called");
        assertEquals(uncalled + 10_000_000, after.capital().get(CapitalSource.DISTRICT).uncalled().fen(), "uncalled");
        assertEquals(CapitalMovement.State.REFUSED, movements.find(refused.id()).orElseThrow().state());
        assertBalanced(fundId);
    }

    /**
     * Second reader of issue 23 item 2: an approver whose lease expired while it stalled before the fund's update,
     * while the resumer took the approved investment over, applied it, committed it and forgot its id on the fund;
     * the approver then goes on with its own (expired) lease. The fund must count the investment once.
     */
    @Test
    void an_approver_that_stalls_past_its_lease_while_the_resumer_commits_the_investment_applies_it_once() {
        // given an investment awaiting approval, approved by a second principal whose lease then runs out
        String fundId = "FUND-VENTURE";
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(BusinessClock.ZONE));
        Investment held = Investment.propose("INV-STALLED-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                fundId, new org.susong.funds.domain.InvestmentTerms(Uscc.parse(enterprise()), "Series A",
                        Instrument.EQUITY, org.susong.commons.money.Money.ofFen(3_000_000), 100, today, Stage.START_UP),
                Investment.Context.NONE, today, null, true, "maker;fund-manager;;", "request:stalled", now)
                .awaitApproval("maker");
        assertTrue(investments.insertAwaitingApproval(held, null, null));
        Investment approved = held.approve("checker", now);
        assertTrue(investments.approve(approved, "stalled-approver", now.plusSeconds(1)));
        Fund before = funds.find(fundId).orElseThrow();

        // when the resumer an hour later takes it over and commits it (and forgets its id on the fund)
        resumerAnHourLater().resumeStale();
        assertEquals(InvestmentState.COMMITTED, investments.find(approved.id()).map(Investment::state).orElseThrow());
        assertEquals(before.invested().fen() + 3_000_000, funds.find(fundId).orElseThrow().invested().fen());

        // and the stalled approver goes on with the fund's update under its expired lease
        investmentService.finish(approved, "stalled-approver");

        // then the fund counted the investment once
        assertEquals(before.invested().fen() + 3_000_000, funds.find(fundId).orElseThrow().invested().fen(),
                "invested counted once");
        assertEquals(InvestmentState.COMMITTED, investments.find(approved.id()).map(Investment::state).orElseThrow());
        assertBalanced(fundId);
    }
}
