package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.time.BusinessClock;
import org.susong.contracts.EventContracts;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.Stage;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.TestBroker;

/**
 * Issue 20 item 9: an investment that moves no money - refused by the fund's counter, rejected by a second principal,
 * expired waiting for one - is announced by {@code InvestmentRefused.v1}, written in the same update that ends it.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class RefusalEventsTest extends InvestmentApprovals {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "susong.fund-investments.InvestmentRefused.v1";

    InvestmentService.InvestCommand command(String fundId, String enterprise, long amountFen) {
        return new InvestmentService.InvestCommand(fundId, enterprise, "Seed", Instrument.EQUITY, amountFen, 100,
                LocalDate.now(clock.withZone(BusinessClock.ZONE)), Stage.START_UP, null, null, null, false, null, false,
                null);
    }

    String waiting(String enterprise) {
        String id = service.invest(FundInvariants.ADMIN, command("FUND-VENTURE", enterprise,
                config.secondApprovalAboveFen() + 1), null).investment().id();
        assertEquals(InvestmentState.AWAITING_APPROVAL, investments.find(id).orElseThrow().state());
        return id;
    }

    /** The one InvestmentRefused of the enterprise, checked against its schema. */
    static JsonNode refusedEventOf(String enterprise) throws Exception {
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> TYPE.equals(CloudEventRecords.header(r, "ce_type"))
                        && r.value().contains(enterprise)))) {
            ConsumerRecord<String, String> record = task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
            assertEquals(List.of(), EventContracts.violations(TYPE, record.value()));
            assertEquals("1", CloudEventRecords.header(record, "ce_sequence"));
            return JSON.readTree(record.value());
        }
    }

    @Test
    void an_investment_the_fund_cannot_take_is_announced_as_refused_with_what_was_available() throws Exception {
        // a sub-fund with nothing paid in has nothing available
        String enterprise = StalledWritersTest.enterprise();
        String fundId = "FUND-VENTURE-SUB-01";
        long available = funds.available(fundId).orElseThrow().fen();
        ProblemException refused = assertThrows(ProblemException.class, () -> service.invest(FundInvariants.ADMIN,
                command(fundId, enterprise, available + 1_000), null));
        assertEquals(422, refused.status());

        JsonNode event = refusedEventOf(enterprise);
        assertEquals("REFUSED", event.get("outcome").asText());
        assertEquals("amountFen", event.get("field").asText());
        assertEquals(available, event.get("availableFen").asLong());
        assertEquals(fundId, event.get("fundId").asText());
        assertEquals(InvestmentState.REFUSED, investments.find(event.get("investmentId").asText()).orElseThrow().state());
    }

    @Test
    void a_rejected_and_an_expired_investment_are_announced_once_each() throws Exception {
        String rejectedEnterprise = StalledWritersTest.enterprise();
        String rejectedId = waiting(rejectedEnterprise);
        service.reject(CHECKER, "FUND-VENTURE", rejectedId, "no due diligence");
        JsonNode rejected = refusedEventOf(rejectedEnterprise);
        assertEquals(rejectedId, rejected.get("investmentId").asText());
        assertEquals("REJECTED", rejected.get("outcome").asText());
        assertEquals("admin-checker", rejected.get("rejectedBy").asText());
        assertEquals("no due diligence", rejected.get("reason").asText());

        String expiredEnterprise = StalledWritersTest.enterprise();
        String expiredId = waiting(expiredEnterprise);
        ApprovalSweeper later = sweeperAhead(config.approvalExpiresAfter().plusDays(1));
        while (later.expireWaiting() > 0) {
            // rounds of resume-batch: the store may hold other tests' waiting investments
        }
        assertEquals(InvestmentState.EXPIRED, investments.find(expiredId).orElseThrow().state());
        JsonNode expired = refusedEventOf(expiredEnterprise);
        assertEquals(expiredId, expired.get("investmentId").asText());
        assertEquals("EXPIRED", expired.get("outcome").asText());
        assertEquals("approval", expired.get("field").asText());
    }
}
