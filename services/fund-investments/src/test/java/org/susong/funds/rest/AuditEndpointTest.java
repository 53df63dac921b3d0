package org.susong.funds.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.LocalInfraTestResource;

/** Issues 12 and 22: the audit endpoint names a fund whose money no longer adds up, and only auditors and admins read it. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AuditEndpointTest {

    @Inject
    MongoClient mongo;

    static JsonPath audit() {
        return given().header("X-User", "auditor-1").header("X-Roles", "auditor").get("/admin/audit").then().statusCode(200)
                .extract().jsonPath();
    }

    static List<String> breachIds(JsonPath report, String check) {
        return report.getList("checks.find { it.name == '" + check + "' }.breaches.id", String.class);
    }

    @Test
    void money_moved_by_hand_and_a_call_above_the_commitment_are_breaches() {
        given().header("X-User", "officer-1").header("X-Roles", "officer").get("/admin/audit").then().statusCode(403);
        given().header("X-User", "admin-1").header("X-Roles", "admin").get("/admin/audit").then().statusCode(200)
                .body("service", equalTo("fund-investments"));
        JsonPath before = audit();
        assertFalse(breachIds(before, "fund-investments.money-adds-up").contains("FUND-VENTURE"));
        assertFalse(breachIds(before, "fund-investments.capital-in-order").contains("FUND-VENTURE"));

        MongoCollection<Document> funds = mongo.getDatabase("fund-investments").getCollection("funds");
        Document fund = funds.find(Filters.eq("_id", "FUND-VENTURE")).first();
        long committed = fund.get("committedFen", Number.class).longValue();
        long called = fund.get("calledFen", Number.class).longValue();
        // available grows by 1 fen without any paid-in money; the fund total says more was called than committed
        funds.updateOne(Filters.eq("_id", "FUND-VENTURE"), Updates.combine(Updates.inc("availableFen", 1L),
                Updates.inc("calledFen", committed - called + 1)));
        try {
            JsonPath report = audit();
            assertEquals(List.of("FUND-VENTURE"), breachIds(report, "fund-investments.money-adds-up"));
            assertEquals(List.of("FUND-VENTURE"), breachIds(report, "fund-investments.capital-in-order"));
            assertEquals(List.of("FUND-VENTURE"), breachIds(report, "fund-investments.capital-sources-sum"));
        } finally {
            funds.updateOne(Filters.eq("_id", "FUND-VENTURE"), Updates.combine(Updates.inc("availableFen", -1L),
                    Updates.inc("calledFen", -(committed - called + 1))));
        }
        assertFalse(breachIds(audit(), "fund-investments.money-adds-up").contains("FUND-VENTURE"));
    }
}
