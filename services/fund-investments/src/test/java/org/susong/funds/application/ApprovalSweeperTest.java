package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.Stage;
import org.susong.testing.LocalInfraTestResource;

/**
 * Second reader of issue 23 item 2: an investment waiting for a second approver expires after
 * {@code susong.funds.approval-expires-after} (a sweep on a replica whose clock is days ahead stands for the
 * passing days); before, it waited for ever and could be approved weeks later.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ApprovalSweeperTest extends InvestmentApprovals {

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    ApprovalSweeper sweeperDaysLater(long days) {
        return sweeperAhead(Duration.ofDays(days));
    }

    String waiting() {
        String id = service.invest(FundInvariants.ADMIN, new InvestmentService.InvestCommand("FUND-VENTURE",
                StalledWritersTest.enterprise(), "Seed", Instrument.EQUITY, config.secondApprovalAboveFen() + 1, 100,
                LocalDate.now(clock.withZone(BusinessClock.ZONE)), Stage.START_UP, null, null, null, false, null, false,
                null), null).investment().id();
        assertEquals(InvestmentState.AWAITING_APPROVAL, investments.find(id).orElseThrow().state());
        return id;
    }

    @Test
    void an_investment_waiting_longer_than_the_expiry_expires_once_and_can_no_longer_be_approved() {
        String id = waiting();
        long available = funds.available("FUND-VENTURE").orElseThrow().fen();

        sweeperDaysLater(config.approvalExpiresAfter().toDays() - 1).expireWaiting();
        assertEquals(InvestmentState.AWAITING_APPROVAL, investments.find(id).orElseThrow().state(), "not yet");

        ApprovalSweeper later = sweeperDaysLater(config.approvalExpiresAfter().toDays() + 1);
        while (later.expireWaiting() > 0) {
            // rounds of resume-batch: the store may hold other tests' waiting investments
        }
        assertEquals(InvestmentState.EXPIRED, investments.find(id).orElseThrow().state());
        assertEquals(0, later.expireWaiting(), "a further round expires nothing");
        assertEquals(InvestmentState.EXPIRED, investments.find(id).orElseThrow().state());

        ProblemException refused = assertThrows(ProblemException.class, () -> service.approve(CHECKER, "FUND-VENTURE", id));
        assertEquals(409, refused.status());
        assertEquals(available, funds.available("FUND-VENTURE").orElseThrow().fen(), "no money moved");
    }

    /**
     * Second reader of issue 23 item 2: the running totals of the second-approval limit are purged after
     * {@code susong.funds.daily-totals-kept-for}; before, {@code daily_totals} grew by a document per fund and day for ever.
     */
    @Test
    void the_sweep_removes_the_daily_totals_older_than_the_retention_and_keeps_todays() {
        String key = "purge-test:" + UUID.randomUUID();
        LocalDate today = LocalDate.now(clock.withZone(BusinessClock.ZONE));
        long kept = config.dailyTotalsKeptFor().toDays();
        LocalDate old = today.minusDays(kept + 1);
        LocalDate lastKept = today.minusDays(kept);
        for (LocalDate day : List.of(old, lastKept, today)) {
            assertTrue(funds.addWithinDailyLimit(key, day, 1, 10));
        }

        sweeperDaysLater(0).purgeDailyTotals();

        assertFalse(totalExists(key, old), "a day older than the retention is removed");
        assertTrue(totalExists(key, lastKept), "the oldest day within the retention is kept");
        assertTrue(totalExists(key, today), "today's total is kept");
        assertFalse(funds.addWithinDailyLimit(key, today, 10, 10), "today's total still counts");
    }

    boolean totalExists(String key, LocalDate day) {
        return mongo.getDatabase(database).getCollection("daily_totals").find(Filters.eq("_id", key + ":" + day))
                .first() != null;
    }
}
