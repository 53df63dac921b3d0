package org.susong.techcontracts.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.techcontracts.rest.Api.applicantFor;
import static org.susong.techcontracts.rest.Api.contract;
import static org.susong.techcontracts.rest.Api.registrar;
import static org.susong.techcontracts.rest.Api.uscc;
import static org.susong.techcontracts.rest.Api.with;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 20 item 8: {@code POST /contracts} takes an {@code Idempotency-Key} like applications' {@code POST /applications}
 * (commons IdempotencyRecords): the same key and body answer the first answer again and file nothing; another body
 * under the key is refused naming it; identical requests at once file one contract.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class IdempotencyKeyTest {

    static String fresh() {
        return uscc("TD", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** How many contracts the seller is a party to. */
    static int contractsOf(String seller) {
        return registrar().queryParam("applicant", seller).get("/contracts").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }

    @Test
    void the_same_key_and_body_replay_the_first_answer_and_file_nothing_twice() {
        String seller = fresh();
        Map<String, Object> body = contract(seller, fresh());
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = applicantFor(seller).header("Idempotency-Key", key).body(body)
                .post("/contracts").then().statusCode(201).header("Idempotent-Replayed", "false").extract();
        ExtractableResponse<Response> again = applicantFor(seller).header("Idempotency-Key", key).body(body)
                .post("/contracts").then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));
        assertEquals(first.jsonPath().getString("status"), again.jsonPath().getString("status"));
        assertEquals(first.jsonPath().getString("reviewDueOn"), again.jsonPath().getString("reviewDueOn"));
        assertEquals(first.jsonPath().getLong("technicalTransactionAmountFen"),
                again.jsonPath().getLong("technicalTransactionAmountFen"));
        assertEquals(1, contractsOf(seller));

        // without a key the same contract is a duplicate, as before
        applicantFor(seller).body(body).post("/contracts").then().statusCode(409)
                .body("existingContract", equalTo("/contracts/" + first.jsonPath().getString("id")));
        // the key belongs to the acting party: another enterprise's request with the same key is its own
        String other = fresh();
        applicantFor(other).header("Idempotency-Key", key).body(contract(other, fresh())).post("/contracts").then()
                .statusCode(201).header("Idempotent-Replayed", "false");
    }

    @Test
    void the_same_key_with_another_body_is_refused_naming_the_key() {
        String seller = fresh();
        Map<String, Object> body = contract(seller, fresh());
        String key = UUID.randomUUID().toString();
        String id = registrar().header("Idempotency-Key", key).body(body).post("/contracts").then().statusCode(201)
                .body("status", equalTo("REGISTERED")).extract().jsonPath().getString("id");
        registrar().header("Idempotency-Key", key).body(with(body, "technicalTransactionAmountFen", 200_000_000L))
                .post("/contracts").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("Idempotency-Key")).body("contractId", equalTo(id));
        assertEquals(1, contractsOf(seller), "nothing filed for the other body");
    }

    @Test
    void identical_requests_at_once_file_one_contract() throws Exception {
        String seller = fresh();
        Map<String, Object> body = contract(seller, fresh());
        String key = UUID.randomUUID().toString();
        int n = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Callable<ExtractableResponse<Response>> call = () -> {
                    start.await();
                    return registrar().header("Idempotency-Key", key).body(body).post("/contracts").then().extract();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            int fresh = 0;
            for (Future<ExtractableResponse<Response>> f : answers) {
                ExtractableResponse<Response> r = f.get();
                if (r.statusCode() == 201) {
                    ids.add(r.jsonPath().getString("id"));
                    fresh += "false".equals(r.header("Idempotent-Replayed")) ? 1 : 0;
                } else {
                    // still being served by the first: 409 naming the key, never a second contract or a 500
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("Idempotency-Key", r.jsonPath().getString("field"), r.asString());
                }
            }
            assertEquals(1, fresh, "one request filed, the others replayed or were told to repeat: " + ids);
            assertTrue(ids.stream().distinct().count() == 1, "every 201 names the same contract: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, contractsOf(seller));
        // once the first is done, a repeat is a replay
        registrar().header("Idempotency-Key", key).body(body).post("/contracts").then().statusCode(201)
                .header("Idempotent-Replayed", "true");
    }
}
