package org.susong.funds.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.Audit;
import org.susong.infra.local.LocalInfraTestResource;

/** Issues 12 and 22: the audit endpoint names a fund whose money no longer adds up, and only auditors and admins read it. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AuditEndpointTest {

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
}
