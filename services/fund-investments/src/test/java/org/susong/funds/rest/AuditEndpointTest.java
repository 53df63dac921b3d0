package org.susong.funds.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.Audit;
import org.susong.testing.LocalInfraTestResource;

/** Issues 12 and 22: the audit endpoint names a fund whose money no longer adds up, and only auditors and admins read it. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AuditEndpointTest {

    @Inject
    Clock clock;

    @Inject
    MongoClient mongo;

    /** The service's audit report as read with these roles by the auditor's own client. */
    static Audit.Reading audit(String roles) throws Exception {
        return Audit.read("http://localhost:" + RestAssured.port, roles);
    }

    @Test
    void money_moved_by_hand_and_a_call_above_the_commitment_are_breaches() throws Exception {
        assertEquals(403, audit("officer").status());
        assertEquals("fund-investments", audit("admin").report().path("service").asText());
        Audit.Reading before = audit("auditor");
        assertFalse(before.breachIds("fund-investments.money-adds-up").contains("FUND-VENTURE"));
        assertFalse(before.breachIds("fund-investments.capital-in-order").contains("FUND-VENTURE"));

        MongoCollection<Document> funds = mongo.getDatabase("fund-investments").getCollection("funds");
        Document fund = funds.find(Filters.eq("_id", "FUND-VENTURE")).first();
        long committed = fund.get("committedFen", Number.class).longValue();
        long called = fund.get("calledFen", Number.class).longValue();
        // available grows by 1 fen without any paid-in money; the fund total says more was called than committed
        funds.updateOne(Filters.eq("_id", "FUND-VENTURE"), Updates.combine(Updates.inc("availableFen", 1L),
                Updates.inc("calledFen", committed - called + 1)));
        try {
            Audit.Reading report = audit("auditor");
            assertEquals(List.of("FUND-VENTURE"), report.breachIds("fund-investments.money-adds-up"));
            assertEquals(List.of("FUND-VENTURE"), report.breachIds("fund-investments.capital-in-order"));
            assertEquals(List.of("FUND-VENTURE"), report.breachIds("fund-investments.capital-sources-sum"));
        } finally {
            funds.updateOne(Filters.eq("_id", "FUND-VENTURE"), Updates.combine(Updates.inc("availableFen", -1L),
                    Updates.inc("calledFen", -(committed - called + 1))));
        }
        assertFalse(audit("auditor").breachIds("fund-investments.money-adds-up").contains("FUND-VENTURE"));
    }

    @Inject
    org.susong.funds.persistence.InvestmentRepository investments;

    /** Second reader of issue 23: a PENDING investment's age counts from its approval, not from when it was asked for. */
    @Test
    void an_investment_approved_long_after_it_was_asked_for_is_not_stuck_at_once() throws Exception {
        java.time.Instant now = clock.instant();
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(org.susong.commons.time.BusinessClock.ZONE));
        String first17 = String.format("91350206MA%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
        org.susong.funds.domain.Investment held = org.susong.funds.domain.Investment.propose(
                "INV-AUDIT-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "FUND-VENTURE",
                new org.susong.funds.domain.InvestmentTerms(org.susong.commons.ids.Uscc.parse(first17
                        + org.susong.commons.ids.Uscc.checkCharacterFor(first17)), "Seed",
                        org.susong.funds.domain.Instrument.EQUITY, org.susong.commons.money.Money.ofFen(1_000_000), 100,
                        today, org.susong.funds.domain.Stage.START_UP), org.susong.funds.domain.Investment.Context.NONE,
                today, null, true, "maker;fund-manager;;", "request:audit", now.minusSeconds(3600)).awaitApproval("maker");
        assertTrue(investments.insertAwaitingApproval(held, null, null));
        org.susong.funds.domain.Investment waiting = org.susong.funds.domain.Investment.propose(held.id() + "-W",
                "FUND-VENTURE", held.terms(), org.susong.funds.domain.Investment.Context.NONE, today, null, true,
                "maker;fund-manager;;", "request:audit-w", now.minusSeconds(3600)).awaitApproval("maker");
        assertTrue(investments.insertAwaitingApproval(waiting, null, null));
        // approved now, leased for a minute: the approving request is working on it
        assertTrue(investments.approve(held.approve("checker", now), "approver", now.plusSeconds(60)));
        Audit.Reading report = audit("auditor");
        assertFalse(report.breachIds("fund-investments.no-stuck-intent").contains("investments/" + held.id()),
                "an investment approved just now is not stuck");
        // one still awaiting its second approver is reported as waiting (with its age), not as a breach
        List<String> waitingIds = new java.util.ArrayList<>();
        report.report().path("waiting").forEach(item -> waitingIds.add(item.path("id").asText()));
        assertTrue(waitingIds.contains("investments/" + waiting.id()), "waiting: " + waitingIds);
    }
}
