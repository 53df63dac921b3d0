package org.susong.techcontracts.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.techcontracts.messaging.out.ContractEvents;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.Usccs;
import org.susong.testing.TestBroker;

/** The tech-contracts service on the real local broker and store. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class TechContractsServiceTest {

    static final String REGISTERED = "susong.tech-contracts.ContractRegistered.v1";

    @Inject
    ObjectMapper json;

    /** A Huli district officer: registry staff, registering at once the contracts of its district. */
    static RequestSpecification registrar() {
        return given().header("X-User", "registrar-1").header("X-Roles", "officer").header("X-District", "Huli")
                .contentType(ContentType.JSON);
    }

    /** A valid USCC per test, so that tests never collide in the duplicate guard. */
    static String uscc(int n) {
        return Usccs.valid("MA", n);
    }

    /** A development contract between two enterprises, 2,500,000 CNY of which 2,100,000 technical. */
    static Map<String, Object> contract(int seller, int buyer) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Solid-state electrolyte coating process " + seller);
        body.put("type", "DEVELOPMENT");
        body.put("sellerUscc", uscc(seller));
        body.put("buyerUscc", uscc(buyer));
        body.put("sellerDistrict", "Huli");
        body.put("signingDate", Api.today().minusDays(9).toString());
        body.put("contractAmountFen", 250_000_000L);
        body.put("technicalTransactionAmountFen", 210_000_000L);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    @Test
    void contracts_are_listed_by_district_status_type_party_and_registration_date() {
        String id = registrar().body(contract(9101, 9102)).post("/contracts").then().statusCode(201).extract().path("id");
        String seller = uscc(9101);
        String today = Api.today().toString();
        registrar().queryParam("applicant", seller).queryParam("district", "huli").queryParam("status", "registered")
                .queryParam("type", "Development").queryParam("from", today).queryParam("to", today).get("/contracts")
                .then().statusCode(200).body("items.id", equalTo(List.of(id))).body("items[0].sellerDistrict", equalTo("HULI"))
                .body("limit", equalTo(50)).body("nextCursor", org.hamcrest.Matchers.nullValue());
        registrar().queryParam("applicant", uscc(9102)).get("/contracts").then().statusCode(200)
                .body("items.id", equalTo(List.of(id))); // the buyer is a party too
        registrar().queryParam("applicant", seller).queryParam("status", "SUBMITTED").get("/contracts").then()
                .statusCode(200).body("items", org.hamcrest.Matchers.hasSize(0));
        registrar().queryParam("applicant", seller).queryParam("from", Api.today().plusDays(1).toString())
                .get("/contracts").then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(0));
        registrar().queryParam("status", "SIGNED-ISH").get("/contracts").then().statusCode(400)
                .body("field", equalTo("status"));
        registrar().queryParam("district", "Atlantis").get("/contracts").then().statusCode(400)
                .body("field", equalTo("district"));
        registrar().queryParam("registeredFrom", today).get("/contracts").then().statusCode(400)
                .body("field", equalTo("registeredFrom"));
    }

    @Test
    void a_registered_contract_gets_a_sixteen_digit_number_and_is_published() {
        Response created = registrar().body(contract(1, 2)).post("/contracts");
        created.then().statusCode(201).body("id", startsWith("TC-")).body("status", equalTo("REGISTERED"))
                .body("registrationNumber", matchesPattern("^" + Api.today().getYear() + "3502[0-9]{8}$"))
                .body("sellerDistrict", equalTo("HULI"));
        String id = created.path("id");
        String number = created.path("registrationNumber");
        assertTrue(created.header("Location").endsWith("/contracts/" + id), created.header("Location"));

        registrar().get("/contracts/" + id).then().statusCode(200).body("registrationNumber", equalTo(number))
                .body("type", equalTo("DEVELOPMENT")).body("technicalTransactionAmountFen", equalTo(210_000_000));

        ConsumerRecord<String, String> published = published(id);
        assertEquals(REGISTERED, CloudEventRecords.header(published, "ce_type"));
        assertEquals(id, CloudEventRecords.header(published, "ce_subject"));
        assertEquals("1", CloudEventRecords.header(published, "ce_sequence"));
        assertEquals(id, CloudEventRecords.header(published, "ce_correlationid"));
        assertEquals("HULI", CloudEventRecords.header(published, "ce_district"));
        assertEquals("/susong/tech-contracts", CloudEventRecords.header(published, "ce_source"));
        assertEquals("registrar-1;officer;HULI;", CloudEventRecords.header(published, "ce_actor"));
        assertTrue(CloudEventRecords.header(published, "ce_causationid").startsWith("request:"));
        assertEquals(List.of(), EventContracts.violations(REGISTERED, published.value()));
        assertTrue(published.value().contains("\"registrationNumber\":\"" + number + "\""), published.value());

        // the next registration of the year takes a later serial
        String next = registrar().body(contract(3, 4)).post("/contracts").then().statusCode(201)
                .extract().path("registrationNumber");
        assertTrue(Long.parseLong(next.substring(8)) > Long.parseLong(number.substring(8)), number + " then " + next);
    }

    @Test
    void the_same_contract_registered_twice_points_at_the_first_registration() {
        Map<String, Object> body = contract(11, 12);
        String id = registrar().body(body).post("/contracts").then().statusCode(201).extract().path("id");

        // retyped title, same parties, date and amounts: the same contract
        registrar().body(with(body, "title", "Coating process (second copy)")).post("/contracts")
                .then().statusCode(409).contentType("application/problem+json")
                .body("existingContract", equalTo("/contracts/" + id));
        // a different technical amount is another contract
        registrar().body(with(body, "technicalTransactionAmountFen", 200_000_000L)).post("/contracts")
                .then().statusCode(201);
    }

    @Test
    void concurrent_registrations_of_the_same_contract_land_once() throws Exception {
        Map<String, Object> body = contract(21, 22);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> registrar().body(body).post("/contracts"));
            }
            List<Integer> statuses = new ArrayList<>();
            String winner = null;
            for (Future<Response> answer : pool.invokeAll(calls)) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 201) {
                    winner = response.path("id");
                }
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            registrar().body(body).post("/contracts").then().statusCode(409)
                    .body("existingContract", equalTo("/contracts/" + winner));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bad_requests_get_problems_naming_the_field() {
        Map<String, Object> valid = contract(31, 32);
        registrar().body("{\"title\": ").post("/contracts").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        registrar().body(with(valid, "type", "DONATION")).post("/contracts")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("type"));
        registrar().body(with(valid, "contractAmountFen", -100)).post("/contracts")
                .then().statusCode(400).body("field", equalTo("contractAmountFen"));
        registrar().body(with(valid, "technicalTransactionAmountFen", 250_000_001L)).post("/contracts")
                .then().statusCode(422).body("field", equalTo("technicalTransactionAmountFen"));
        registrar().body(with(valid, "signingDate", Api.today().plusDays(1).toString())).post("/contracts")
                .then().statusCode(422).body("field", equalTo("signingDate"));
        registrar().body(with(valid, "signingDate", "2026-02-30")).post("/contracts")
                .then().statusCode(400).body("field", equalTo("signingDate"));
        registrar().body(with(valid, "sellerUscc", "91350100M000100Y44")).post("/contracts")
                .then().statusCode(422).body("field", equalTo("sellerUscc")).body("expectedCheckCharacter", equalTo("3"));
        registrar().body(with(valid, "buyerUscc", "91350100M00010")).post("/contracts")
                .then().statusCode(400).body("field", equalTo("buyerUscc"));
        registrar().body(with(valid, "buyerUscc", valid.get("sellerUscc"))).post("/contracts")
                .then().statusCode(422).body("field", equalTo("buyerUscc"));
        registrar().body(with(valid, "sellerDistrict", "Atlantis")).post("/contracts")
                .then().statusCode(400).body("field", equalTo("sellerDistrict"));
        Map<String, Object> noTitle = new HashMap<>(valid);
        noTitle.remove("title");
        registrar().body(noTitle).post("/contracts").then().statusCode(400).body("field", equalTo("title"));
        given().contentType(ContentType.JSON).body(valid).post("/contracts").then().statusCode(401)
                .contentType("application/problem+json");
        // an applicant files only contracts its enterprise applies for: another enterprise's is not found (issue 23)
        given().header("X-User", "applicant-9").header("X-Roles", "applicant").header("X-Acting-For", uscc(99))
                .contentType(ContentType.JSON).body(valid).post("/contracts").then().statusCode(404)
                .contentType("application/problem+json");
        // nothing of the above was registered
        registrar().body(valid).post("/contracts").then().statusCode(201);
    }

    @Test
    void unknown_contracts_are_not_found_and_district_officers_see_only_their_district() {
        registrar().get("/contracts/TC-20260101-NOSUCHONE0").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/contracts/TC-20260101-NOSUCHONE0").then().statusCode(401);
        String id = registrar().body(contract(41, 42)).post("/contracts").then().statusCode(201).extract().path("id");
        given().header("X-User", "o-huli").header("X-Roles", "officer").header("X-District", "HULI")
                .get("/contracts/" + id).then().statusCode(200);
        given().header("X-User", "o-jimei").header("X-Roles", "officer").header("X-District", "JIMEI")
                .get("/contracts/" + id).then().statusCode(404);
    }

    @Test
    void the_published_example_parses_into_this_services_record() throws Exception {
        String example = EventContracts.example(REGISTERED);
        assertEquals(List.of(), EventContracts.violations(REGISTERED, example));
        ContractEvents.ContractRegisteredV1 parsed = json.readerFor(ContractEvents.ContractRegisteredV1.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(example);
        assertEquals("2026350200008026", parsed.registrationNumber());
        assertEquals(LocalDate.of(2026, 11, 20), parsed.signingDate());
        assertEquals(210_000_000L, parsed.technicalTransactionAmountFen());
        // and what this service writes has exactly the example's members
        JsonNode written = json.readTree(json.writeValueAsString(parsed));
        JsonNode expected = json.readTree(example);
        assertEquals(expected, written);
    }

    private static ConsumerRecord<String, String> published(String id) {
        ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("tech-contracts.events");
        try {
            return await().atMost(Duration.ofSeconds(20)).until(() -> task.getRecords().stream()
                    .filter(r -> id.equals(r.key())).findFirst(), Optional::isPresent).orElseThrow();
        } finally {
            task.close();
        }
    }
}
