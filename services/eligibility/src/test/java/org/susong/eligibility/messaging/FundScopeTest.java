package org.susong.eligibility.messaging;

import static org.susong.testing.TestBroker.kafka;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.application.DecisionService;
import org.susong.eligibility.domain.FundScope;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.FundScopeRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 16 item 5: a grant-to-investment award (推进科技扶持资金“拨改投”, C1) respects the receiving fund's scope at
 * decision time. The fund is the technology-innovation fund (技术创新基金支持范围扩大到企业数字化、智能化投入和技术转移,
 * 支持成长期企业加速壮大): growth-stage enterprises in four fields. Eligibility knows that scope from
 * fund-investments' {@code FundScopePublished.v1} (its projection {@code fund_scopes}); an award the fund would refuse
 * is decided as a grant with the reason, never as an investment the fund refuses later and silently turns into a grant.
 */
@QuarkusTest
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
class FundScopeTest {

    static final String SCOPE = "susong.fund-investments.FundScopePublished.v1";
    static final String FUND = "FUND-TECH-INNOVATION";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    FundScopeRepository scopes;

    static void publishScope(String fundId, long sequence, List<String> stages, List<String> fields) throws Exception {
        ObjectNode scope = (ObjectNode) JSON.readTree(EventContracts.example(SCOPE));
        scope.put("fundId", fundId);
        scope.set("stages", JSON.valueToTree(stages));
        scope.set("fields", JSON.valueToTree(fields));
        String payload = JSON.writeValueAsString(scope);
        assertEquals(List.of(), EventContracts.violations(SCOPE, payload));
        kafka().produceStrings().fromRecords(CloudEventRecords.event("fund-investments.events", UUID.randomUUID().toString(),
                SCOPE, fundId, payload, Map.of("sequence", Long.toString(sequence), "correlationid", fundId))).awaitCompletion();
    }

    /** The seeded scope of the technology-innovation fund, as fund-investments publishes it. */
    void fundPublishesItsSeededScope() throws Exception {
        publishScope(FUND, 1, List.of("GROWTH"), List.of("technology-innovation", "digitalisation", "intelligence",
                "technology-transfer"));
        await().atMost(Duration.ofSeconds(30)).until(() -> scopes.find(FUND).isPresent());
    }

    JsonNode decideC1(String stage, String field) throws Exception {
        String id = "APP-C1S-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + id, id,
                "91350200MA2Y0C1X1K", "C1", "HULI", Map.of("stage", stage, "field", field, "requestedFen", 30_000_000L),
                null));
        ConsumerRecord<String, String> decided = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(r -> ("D-" + id).equals(r.key())).toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.EligibilityDecided.v1", decided.value()));
        ObjectNode body = (ObjectNode) JSON.readTree(decided.value());
        body.put("_id", id);
        return body;
    }

    static JsonNode criterion(JsonNode decided, String name) {
        for (JsonNode c : decided.get("criteria")) {
            if (name.equals(c.get("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + name + " in " + decided);
    }

    @Test
    void a_c1_award_outside_the_funds_scope_is_decided_as_a_grant_with_the_reason_and_one_inside_as_an_investment()
            throws Exception {
        fundPublishesItsSeededScope();

        // a start-up: the fund supports growth-stage enterprises (支持成长期企业) - a grant, saying why
        JsonNode startUp = decideC1("START_UP", "digitalisation");
        assertEquals("APPROVED", startUp.get("outcome").asText());
        assertEquals(30_000_000L, startUp.get("amountFen").asLong());
        assertEquals("GRANT", startUp.get("disbursementMode").asText(), startUp.toString());
        assertNull(startUp.get("fundCode"), "no conversion is asked of a fund that would refuse it");
        assertNull(startUp.get("fallback"));
        JsonNode why = criterion(startUp, "fundScope");
        assertTrue(why.get("en").asText().contains("START_UP") && why.get("en").asText().contains("GROWTH")
                && why.get("en").asText().contains(FUND) && why.get("en").asText().contains("grant"), why.toString());
        assertTrue(why.get("zh").asText().contains("拨改投") && why.get("zh").asText().contains("资助"), why.toString());
        assertTrue(startUp.get("explanation").get("en").asText().contains("decided as a grant"), startUp.toString());
        assertTrue(startUp.get("explanation").get("zh").asText().contains("按资助方式"), startUp.toString());
        Document stored = repository.findLatest(startUp.get("_id").asText()).orElseThrow();
        assertEquals("GRANT", stored.getString("disbursementMode"));
        assertTrue(stored.get("notice", Document.class).getString("en").contains("decided as a grant"));

        // a field outside the four (数字化、智能化投入和技术转移 and its original scope): a grant naming the field
        JsonNode biotech = decideC1("GROWTH", "biotech");
        assertEquals("GRANT", biotech.get("disbursementMode").asText());
        assertTrue(criterion(biotech, "fundScope").get("en").asText().contains("biotech"), biotech.toString());

        // inside the scope (the field spelled as the fund's code reads it): an investment into the fund
        JsonNode growth = decideC1("GROWTH", "Digitalisation");
        assertEquals("INVESTMENT", growth.get("disbursementMode").asText(), growth.toString());
        assertEquals(FUND, growth.get("fundCode").asText());
        assertEquals("GRANT", growth.get("fallback").asText());
        assertTrue(criterion(growth, "fundScope").get("passed").asBoolean());
        assertTrue(criterion(growth, "fundScope").get("en").asText().contains("within the scope"), growth.toString());
        assertEquals("INVESTMENT", repository.findLatest(growth.get("_id").asText()).orElseThrow()
                .getString("disbursementMode"));
    }

    @Test
    void the_scope_projection_is_idempotent_and_an_older_scope_never_replaces_a_newer_one() throws Exception {
        String fund = "FUND-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        publishScope(fund, 2, List.of("MATURE"), List.of("intelligence"));
        await().atMost(Duration.ofSeconds(30)).until(() -> scopes.find(fund).isPresent());
        // redelivered, and an older version of the scope arriving late: neither changes what is kept
        assertFalse(scopes.apply(new FundScope(fund, List.of("MATURE"), List.of("intelligence"), 2)));
        assertFalse(scopes.apply(new FundScope(fund, List.of("START_UP"), List.of(), 1)));
        FundScope kept = scopes.find(fund).orElseThrow();
        assertEquals(List.of("MATURE"), kept.stages());
        assertEquals(List.of("intelligence"), kept.fields());
        assertEquals(2L, kept.sequence());
        assertFalse(kept.outside("MATURE", "intelligence").isPresent());
        assertTrue(kept.outside("START_UP", "intelligence").isPresent());
        // a newer one replaces it
        assertTrue(scopes.apply(new FundScope(fund, List.of("GROWTH", "MATURE"), List.of(), 3)));
        assertEquals(List.of("GROWTH", "MATURE"), scopes.find(fund).orElseThrow().stages());
    }
}
