package org.susong.funds.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.susong.funds.rest.FundInvestmentsServiceTest.admin;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 16 item 5: each fund publishes its investment scope ({@code FundScopePublished.v1}) from its own outbox in the
 * write that creates it, so eligibility can decide a grant-to-investment award (拨改投) the fund would refuse as a grant
 * at decision time. The technology-innovation fund: 技术创新基金支持范围扩大到企业数字化、智能化投入和技术转移,
 * 支持成长期企业加速壮大.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class FundScopeEventsTest {

    static final String TYPE = "susong.fund-investments.FundScopePublished.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    static ConsumerRecord<String, String> scopeOf(String fundId) {
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> fundId.equals(r.key()) && TYPE.equals(CloudEventRecords.header(r, "ce_type"))))) {
            return task.awaitRecords(1, Duration.ofSeconds(30)).getFirstRecord();
        }
    }

    @Test
    void a_seeded_fund_publishes_its_stages_and_fields_once() throws Exception {
        ConsumerRecord<String, String> scope = scopeOf("FUND-TECH-INNOVATION");
        assertEquals(List.of(), EventContracts.violations(TYPE, scope.value()));
        JsonNode body = JSON.readTree(scope.value());
        assertEquals(List.of("GROWTH"), JSON.convertValue(body.get("stages"), List.class));
        assertEquals(List.of("technology-innovation", "digitalisation", "intelligence", "technology-transfer"),
                JSON.convertValue(body.get("fields"), List.class));
        assertEquals("1", CloudEventRecords.header(scope, "ce_sequence"), "the fund's first event");
        assertFalse(body.has("parentFundId"));
    }

    @Test
    void a_registered_sub_fund_publishes_its_scope_with_its_parent() throws Exception {
        String id = "FUND-VENTURE-SUB-SC" + ThreadLocalRandom.current().nextInt(1_000_000);
        Map<String, Object> subFund = new HashMap<>(Map.of("id", id, "nameZh", "范围测试子基金",
                "nameEn", "Scope test sub-fund", "parentFundId", "FUND-VENTURE", "manager", "Test GP", "targetSizeFen", 0,
                "stages", List.of("START_UP"), "fields", List.of("Life Sciences"), "instruments", List.of("EQUITY"),
                "placeholder", true));
        subFund.put("note", "test data");
        admin().contentType(ContentType.JSON).body(FundInvestmentsServiceTest.toJson(subFund)).post("/funds").then()
                .statusCode(201);
        ConsumerRecord<String, String> scope = scopeOf(id);
        assertEquals(List.of(), EventContracts.violations(TYPE, scope.value()));
        JsonNode body = JSON.readTree(scope.value());
        assertEquals("FUND-VENTURE", body.get("parentFundId").asText());
        assertEquals(List.of("START_UP"), JSON.convertValue(body.get("stages"), List.class));
        assertEquals(List.of("life-sciences"), JSON.convertValue(body.get("fields"), List.class), "field codes, as checked");
    }
}
