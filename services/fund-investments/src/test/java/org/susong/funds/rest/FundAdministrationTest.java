package org.susong.funds.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 20 item 9 (creating and editing funds through the API): an administrator creates a top-level fund
 * ({@code POST /funds} without {@code parentFundId}), idempotently with an {@code Idempotency-Key}; changes a fund's
 * scope and manager ({@code PATCH /funds/{id}}, the scope announced again as {@code FundScopePublished.v1} with the
 * fund's next sequence) and a top-level fund's target through the sub-funds' target maker-checker.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
class FundAdministrationTest {

    static final String SCOPE = "susong.fund-investments.FundScopePublished.v1";
    static final ObjectMapper JSON = new ObjectMapper();
    /** %test second-approval limit (application.properties). */
    static final long LIMIT = 1_000_000_000_000L;

    static RequestSpecification admin(String user) {
        return given().header("X-User", user).header("X-Roles", "admin").contentType(ContentType.JSON);
    }

    static String newId() {
        return "FUND-ADM-" + ThreadLocalRandom.current().nextInt(100_000_000);
    }

    static Map<String, Object> topLevel(String id) {
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "nameZh", "测试顶层基金", "nameEn", "Test top-level fund",
                "kind", "VENTURE", "manager", "Test GP", "targetSizeFen", 80_000_000_000L, "vintageYear", 2025,
                "stages", List.of("START_UP", "GROWTH"), "instruments", List.of("EQUITY", "CONVERTIBLE"),
                "placeholder", false));
        body.put("fields", List.of("Life Sciences"));
        return body;
    }

    static List<ConsumerRecord<String, String>> scopes(String fundId, int count) {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class)); ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> fundId.equals(r.key()) && SCOPE.equals(CloudEventRecords.header(r, "ce_type"))))) {
            return task.awaitRecords(count, Duration.ofSeconds(30)).getRecords();
        }
    }

    @Test
    void an_admin_creates_a_top_level_fund_once_and_it_announces_its_scope() throws Exception {
        String id = newId();
        admin("admin-1").body(toJson(topLevel(id))).post("/funds").then().statusCode(201)
                .header("Location", endsWith("/funds/" + id))
                .body("id", equalTo(id)).body("parentFundId", nullValue()).body("kind", equalTo("VENTURE"))
                .body("vintageYear", equalTo(2025)).body("targetSizeFen", equalTo(80_000_000_000L))
                .body("committedFen", equalTo(0)).body("manager", equalTo("Test GP"))
                .body("fields", equalTo(List.of("life-sciences"))).body("inHundredBillionTarget", equalTo(false));
        // the code is the fund's key: a second fund with it is 409
        admin("admin-1").body(toJson(topLevel(id))).post("/funds").then().statusCode(409);
        ConsumerRecord<String, String> scope = scopes(id, 1).get(0);
        assertEquals(List.of(), EventContracts.violations(SCOPE, scope.value()));
        assertEquals("1", CloudEventRecords.header(scope, "ce_sequence"));
        assertEquals(List.of("START_UP", "GROWTH"), JSON.convertValue(JSON.readTree(scope.value()).get("stages"), List.class),
                "in stage order");
    }

    @Test
    void a_top_level_fund_needs_its_kind_and_vintage_year_and_only_an_admin_creates_one() {
        Map<String, Object> noKind = topLevel(newId());
        noKind.remove("kind");
        admin("admin-1").body(toJson(noKind)).post("/funds").then().statusCode(400).body("field", equalTo("kind"));
        Map<String, Object> noVintage = topLevel(newId());
        noVintage.remove("vintageYear");
        admin("admin-1").body(toJson(noVintage)).post("/funds").then().statusCode(400).body("field", equalTo("vintageYear"));
        Map<String, Object> future = topLevel(newId());
        future.put("vintageYear", 2031);
        admin("admin-1").body(toJson(future)).post("/funds").then().statusCode(422).body("field", equalTo("vintageYear"));
        Map<String, Object> negative = topLevel(newId());
        negative.put("targetSizeFen", -1);
        admin("admin-1").body(toJson(negative)).post("/funds").then().statusCode(400).body("field", equalTo("targetSizeFen"));
        // a sub-fund's kind is its parent's
        Map<String, Object> sub = topLevel(newId());
        sub.put("parentFundId", "FUND-VENTURE");
        sub.put("kind", "SOE_STRATEGIC");
        sub.put("stages", List.of("START_UP"));
        sub.put("instruments", List.of("EQUITY"));
        admin("admin-1").body(toJson(sub)).post("/funds").then().statusCode(422).body("field", equalTo("kind"));
        given().header("X-User", "fm-1").header("X-Roles", "fund-manager").header("X-Funds", "FUND-VENTURE")
                .contentType(ContentType.JSON).body(toJson(topLevel(newId()))).post("/funds").then().statusCode(403);
    }

    @Test
    void the_same_idempotency_key_creates_one_fund_and_another_body_under_it_is_refused() {
        String key = "create-" + ThreadLocalRandom.current().nextInt(1_000_000_000);
        String id = newId();
        JsonPath first = admin("admin-1").header("Idempotency-Key", key).body(toJson(topLevel(id))).post("/funds").then()
                .statusCode(201).header("Idempotent-Replayed", "false").extract().jsonPath();
        JsonPath again = admin("admin-1").header("Idempotency-Key", key).body(toJson(topLevel(id))).post("/funds").then()
                .statusCode(201).header("Idempotent-Replayed", "true").header("Location", endsWith("/funds/" + id))
                .extract().jsonPath();
        assertEquals(first.getMap(""), again.getMap(""), "the first answer");
        Map<String, Object> other = topLevel(id);
        other.put("manager", "Another GP");
        admin("admin-1").header("Idempotency-Key", key).body(toJson(other)).post("/funds").then().statusCode(422)
                .body("field", equalTo("Idempotency-Key"));
        // the key is the user's: another administrator's same key is its own request (here: the code is taken)
        admin("admin-2").header("Idempotency-Key", key).body(toJson(topLevel(id))).post("/funds").then().statusCode(409);
    }

    @Test
    void an_admin_changes_scope_and_manager_and_the_new_scope_is_announced() throws Exception {
        String id = newId();
        admin("admin-1").body(toJson(topLevel(id))).post("/funds").then().statusCode(201);
        admin("admin-1").body(toJson(Map.of("manager", "New GP", "stages", List.of("GROWTH"), "fields",
                        List.of("digitalisation"))))
                .patch("/funds/" + id).then().statusCode(200).body("manager", equalTo("New GP"))
                .body("stages", equalTo(List.of("GROWTH"))).body("fields", equalTo(List.of("digitalisation")))
                .body("instruments", equalTo(List.of("EQUITY", "CONVERTIBLE")));
        List<ConsumerRecord<String, String>> published = scopes(id, 2);
        ConsumerRecord<String, String> changed = published.get(1);
        assertEquals(List.of(), EventContracts.violations(SCOPE, changed.value()));
        assertEquals("2", CloudEventRecords.header(changed, "ce_sequence"), "after the creation's");
        JsonNode body = JSON.readTree(changed.value());
        assertEquals(List.of("GROWTH"), JSON.convertValue(body.get("stages"), List.class));
        assertEquals(List.of("digitalisation"), JSON.convertValue(body.get("fields"), List.class));

        // only the manager: no new scope event, the scope stays
        admin("admin-1").body(toJson(Map.of("manager", "Third GP"))).patch("/funds/" + id).then().statusCode(200)
                .body("manager", equalTo("Third GP")).body("stages", equalTo(List.of("GROWTH")));
        admin("admin-1").body("{}").patch("/funds/" + id).then().statusCode(400);
        admin("admin-1").body(toJson(Map.of("manager", "X"))).patch("/funds/FUND-NO-SUCH").then().statusCode(404);
        admin("admin-1").body(toJson(Map.of("stages", List.of()))).patch("/funds/" + id).then().statusCode(400)
                .body("field", equalTo("stages"));
        given().header("X-User", "fm-1").header("X-Roles", "fund-manager").header("X-Funds", id)
                .contentType(ContentType.JSON).body(toJson(Map.of("manager", "Me"))).patch("/funds/" + id).then()
                .statusCode(403);
    }

    @Test
    void a_sub_funds_scope_stays_within_its_parents_and_a_parent_keeps_its_sub_funds_scope() {
        String parent = newId();
        admin("admin-1").body(toJson(topLevel(parent))).post("/funds").then().statusCode(201);
        Map<String, Object> sub = topLevel(parent + "-S");
        sub.remove("kind");
        sub.remove("vintageYear");
        sub.put("parentFundId", parent);
        sub.put("stages", List.of("GROWTH"));
        sub.put("instruments", List.of("EQUITY"));
        admin("admin-1").body(toJson(sub)).post("/funds").then().statusCode(201).body("kind", equalTo("VENTURE"))
                .body("vintageYear", nullValue());
        admin("admin-1").body(toJson(Map.of("stages", List.of("MATURE")))).patch("/funds/" + parent + "-S").then()
                .statusCode(422).body("field", equalTo("stages"));
        admin("admin-1").body(toJson(Map.of("instruments", List.of("CREDIT_ENHANCEMENT_GUARANTEE"))))
                .patch("/funds/" + parent + "-S").then().statusCode(422).body("field", equalTo("instruments"));
        // the parent cannot drop a stage or an instrument its sub-fund uses
        admin("admin-1").body(toJson(Map.of("stages", List.of("START_UP")))).patch("/funds/" + parent).then()
                .statusCode(422).body("field", equalTo("stages"));
        admin("admin-1").body(toJson(Map.of("instruments", List.of("CONVERTIBLE")))).patch("/funds/" + parent).then()
                .statusCode(422).body("field", equalTo("instruments"));
        admin("admin-1").body(toJson(Map.of("stages", List.of("GROWTH", "MATURE")))).patch("/funds/" + parent).then()
                .statusCode(200).body("stages", equalTo(List.of("GROWTH", "MATURE")));
    }

    @Test
    void a_top_level_funds_target_changes_under_the_same_maker_checker_as_a_sub_funds() {
        String id = newId();
        admin("admin-1").body(toJson(topLevel(id))).post("/funds").then().statusCode(201);
        given().header("X-User", "fin-1").header("X-Roles", "finance").contentType(ContentType.JSON)
                .body(toJson(Map.of("source", "SOCIAL_CAPITAL", "amountFen", 50_000_000_000L, "dated", "2026-06-10")))
                .post("/funds/" + id + "/capital/commitments").then().statusCode(201);
        // a cut below what is committed is refused; a cut above it applies at once
        admin("admin-1").body(toJson(Map.of("targetSizeFen", 49_999_999_999L))).post("/funds/" + id + "/target").then()
                .statusCode(422).body("field", equalTo("targetSizeFen"));
        admin("admin-1").body(toJson(Map.of("targetSizeFen", 60_000_000_000L))).post("/funds/" + id + "/target").then()
                .statusCode(200).body("targetSizeFen", equalTo(60_000_000_000L)).body("committedFen", equalTo(50_000_000_000L));
        // a raise above the second-approval limit waits for a second administrator
        long raised = 60_000_000_000L + LIMIT + 1;
        String change = admin("admin-1").body(toJson(Map.of("targetSizeFen", raised))).post("/funds/" + id + "/target")
                .then().statusCode(202).body("targetSizeFen", equalTo(60_000_000_000L))
                .body("pendingTarget.targetSizeFen", equalTo(raised)).extract().path("pendingTarget.id");
        admin("admin-1").body(toJson(Map.of("changeId", change))).post("/funds/" + id + "/target/approval").then()
                .statusCode(409);
        admin("admin-2").body(toJson(Map.of("changeId", change))).post("/funds/" + id + "/target/approval").then()
                .statusCode(200).body("targetSizeFen", equalTo(raised));
        admin("admin-2").get("/funds/" + id).then().statusCode(200).body("targetSizeFen", equalTo(raised));
    }
}
