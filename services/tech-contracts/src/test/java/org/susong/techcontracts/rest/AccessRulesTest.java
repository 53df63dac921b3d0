package org.susong.techcontracts.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;
import org.susong.testing.AccessContract;
import org.susong.testing.AccessContract.Case;
import org.susong.testing.AccessContract.Rule;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.OidcTestProfile;
import org.susong.testing.TestTokens;
import org.susong.techcontracts.domain.BricsStatus;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.ReviewRules;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.persistence.ContractRepository;

/**
 * Issues 13 and 23: every operation of the OpenAPI document, called with real bearer tokens, as in
 * the canvas's "Access rules": no token 401, a role that may not call it 403, a contract of another
 * district or another enterprise 404, its own 2xx. Registrars and auditors are city-wide, so the
 * registrar-only operations have no other-district case: their 404 case is a contract that does not
 * exist, answered the same way. Lists and statistics have no resource in the path: their district
 * filter (the overdue reviews, the statistics and their CSV) is checked by
 * {@link #lists_and_statistics_hold_only_the_officers_district()}.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(OidcTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class AccessRulesTest {

    static final String HULI = "Huli";
    static final String SIMING = "Siming";
    static final String NO_SUCH = "/contracts/TC-20260101-NOSUCHONE0";

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** Enterprises of this test: A sells in Huli, B buys; S sells in Siming; X is an unrelated applicant. */
    static final String A = Api.uscc("AR", 1);
    static final String B = Api.uscc("AR", 2);
    static final String S = Api.uscc("AR", 3);
    static final String X = Api.uscc("AR", 4);

    static final String REGISTRAR = TestTokens.subject("registrar-ar").roles("registrar").sign();
    static final String HULI_OFFICER = TestTokens.subject("officer-huli").roles("officer").district(HULI).sign();
    static final String SIMING_OFFICER = TestTokens.subject("officer-siming").roles("officer").district(SIMING).sign();
    static final String APPLICANT_A = TestTokens.subject("applicant-a").roles("applicant").uscc(A).sign();
    static final String APPLICANT_B = TestTokens.subject("applicant-b").roles("applicant").uscc(B).sign();
    static final String APPLICANT_X = TestTokens.subject("applicant-x").roles("applicant").uscc(X).sign();
    static final String AUDITOR = TestTokens.subject("auditor-ar").roles("auditor").sign();
    static final String ADMIN = TestTokens.subject("admin-ar").roles("admin").sign();
    static final String NO_ROLE = TestTokens.subject("nobody-ar").sign();

    static Case none() {
        return new Case("no token", null, 401);
    }

    static Case as(String who, String token, int expected) {
        return new Case(who, token, expected);
    }

    @TestFactory
    Stream<DynamicTest> every_operation_answers_as_the_canvas_lists() {
        int n = 10;
        // fixtures, each a contract of Huli whose seller is A (one per state-changing operation)
        String registered = file(HULI_OFFICER, contract(A, B, HULI, n++)).getString("id");
        String toRegister = file(APPLICANT_A, contract(A, B, HULI, n++)).getString("id");
        String toRefuse = file(APPLICANT_A, contract(A, B, HULI, n++)).getString("id");
        String toAmend = file(HULI_OFFICER, contract(A, B, HULI, n++)).getString("id");
        String toApprove = pending(file(HULI_OFFICER, contract(A, B, HULI, n++)).getString("id"), n++);
        String toRefuseAmendment = pending(file(HULI_OFFICER, contract(A, B, HULI, n++)).getString("id"), n++);
        String toCancel = file(HULI_OFFICER, contract(A, B, HULI, n++)).getString("id");
        String reasons = "{\"reasons\":[{\"code\":\"SEAL_PROBLEMS\"}]}";
        int year = Api.today().getYear();

        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.of("POST /contracts", "/contracts", json(contract(A, B, HULI, n++)),
                none(), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403), as("no role", NO_ROLE, 403),
                as("Siming officer, a Huli seller", SIMING_OFFICER, 404),
                as("applicant of another enterprise", APPLICANT_X, 404),
                as("the buyer (not the applying party)", APPLICANT_B, 404),
                as("Huli officer", HULI_OFFICER, 201)));
        rules.add(Rule.of("POST /contracts", "/contracts", json(contract(A, B, HULI, n++)),
                as("the seller", APPLICANT_A, 201)));
        rules.add(Rule.of("POST /contracts", "/contracts", json(contract(S, B, SIMING, n++)),
                as("registrar, any district", REGISTRAR, 201)));
        // registrars import for the whole city: no other-district case for this body-only operation
        rules.add(Rule.of("POST /contracts/imports", "/contracts/imports", json(imported(A, B, n++)),
                none(), as("Huli officer", HULI_OFFICER, 403), as("applicant", APPLICANT_A, 403),
                as("auditor", AUDITOR, 403), as("registrar", REGISTRAR, 201)));
        rules.add(new Rule(AccessContract.Operation.of("POST /contracts/bulk"), "/contracts/bulk",
                json(contract(A, B, HULI, n++)), "application/x-ndjson", List.of(none(),
                as("Huli officer", HULI_OFFICER, 403), as("applicant", APPLICANT_A, 403), as("auditor", AUDITOR, 403),
                as("registrar", REGISTRAR, 200))));
        rules.add(Rule.of("GET /contracts/{id}", "/contracts/" + registered, null,
                none(), as("no role", NO_ROLE, 403), as("Siming officer", SIMING_OFFICER, 404),
                as("applicant of another enterprise", APPLICANT_X, 404), as("Huli officer", HULI_OFFICER, 200),
                as("the seller", APPLICANT_A, 200), as("the buyer", APPLICANT_B, 200), as("registrar", REGISTRAR, 200),
                as("auditor", AUDITOR, 200)));
        rules.add(Rule.of("GET /contracts/{id}", NO_SUCH, null, as("registrar, unknown contract", REGISTRAR, 404)));
        // a list: another district's rows are left out (lists_and_statistics_hold_only_the_officers_district), never 404
        rules.add(Rule.of("GET /contracts/overdue", none(), as("applicant", APPLICANT_A, 403),
                as("admin", ADMIN, 403), as("Huli officer", HULI_OFFICER, 200), as("registrar", REGISTRAR, 200),
                as("auditor", AUDITOR, 200)));
        rules.add(Rule.of("GET /contracts", none(), as("admin", ADMIN, 403), as("no role", NO_ROLE, 403),
                as("applicant", APPLICANT_A, 200), as("Huli officer", HULI_OFFICER, 200), as("registrar", REGISTRAR, 200),
                as("auditor", AUDITOR, 200)));
        registrarOnly(rules, "POST /contracts/{id}/registration", "/registration", toRegister, null, 200);
        registrarOnly(rules, "POST /contracts/{id}/refusal", "/refusal", toRefuse, reasons, 200);
        rules.add(Rule.of("POST /contracts/{id}/amendments", "/contracts/" + toAmend + "/amendments",
                json(amendment(A, B, HULI, n++)), none(), as("auditor", AUDITOR, 403),
                as("Huli officer", HULI_OFFICER, 403), as("applicant of another enterprise", APPLICANT_X, 404),
                as("the buyer (sees it, does not apply)", APPLICANT_B, 403), as("the seller", APPLICANT_A, 202)));
        rules.add(Rule.of("POST /contracts/{id}/amendments", NO_SUCH + "/amendments", json(amendment(A, B, HULI, n++)),
                as("registrar, unknown contract", REGISTRAR, 404)));
        registrarOnly(rules, "POST /contracts/{id}/amendments/pending/approval", "/amendments/pending/approval",
                toApprove, null, 200);
        registrarOnly(rules, "POST /contracts/{id}/amendments/pending/refusal", "/amendments/pending/refusal",
                toRefuseAmendment, reasons, 200);
        registrarOnly(rules, "POST /contracts/{id}/cancellation", "/cancellation", toCancel,
                "{\"reason\":\"both parties withdrew\"}", 200);
        // figures, not resources: a district officer gets its district's (lists_and_statistics_hold_only_the_officers_district)
        for (String op : List.of("GET /statistics/contracts/{year}", "GET /statistics/contracts/{year}/csv")) {
            rules.add(Rule.of(op, op.substring(4).replace("{year}", String.valueOf(year)), null, none(),
                    as("applicant", APPLICANT_A, 403), as("no role", NO_ROLE, 403), as("Huli officer", HULI_OFFICER, 200),
                    as("registrar", REGISTRAR, 200), as("admin", ADMIN, 200), as("auditor", AUDITOR, 200)));
        }
        // contract files (issue 20 item 7): registrars, admins and the parties; another enterprise's contract is 404
        String pdf = "%PDF-1.4\n% access test\n";
        rules.add(new Rule(AccessContract.Operation.of("POST /contracts/{id}/files"), "/contracts/" + registered
                + "/files?fileName=contract.pdf", pdf, "application/pdf", List.of(none(), as("no role", NO_ROLE, 403),
                as("Huli officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 403),
                as("applicant of another enterprise", APPLICANT_X, 404), as("the seller", APPLICANT_A, 201),
                as("the buyer", APPLICANT_B, 201), as("registrar", REGISTRAR, 201), as("admin", ADMIN, 201))));
        rules.add(new Rule(AccessContract.Operation.of("POST /contracts/{id}/files"), NO_SUCH + "/files?fileName=c.pdf",
                pdf, "application/pdf", List.of(as("registrar, unknown contract", REGISTRAR, 404))));
        String fileId = bearer(REGISTRAR).contentType("application/pdf")
                .body(pdf.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .post("/contracts/" + registered + "/files?fileName=fixture.pdf").then().statusCode(201).extract().path("id");
        for (String[] op : new String[][] {{"GET /contracts/{id}/files", "/files"},
                {"GET /contracts/{id}/files/{fileId}", "/files/" + fileId}}) {
            rules.add(Rule.of(op[0], "/contracts/" + registered + op[1], null, none(), as("no role", NO_ROLE, 403),
                    as("Huli officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 403),
                    as("applicant of another enterprise", APPLICANT_X, 404), as("the seller", APPLICANT_A, 200),
                    as("the buyer", APPLICANT_B, 200), as("registrar", REGISTRAR, 200), as("admin", ADMIN, 200)));
            rules.add(Rule.of(op[0], NO_SUCH + op[1], null, as("registrar, unknown contract", REGISTRAR, 404)));
        }
        rules.add(Rule.of("GET /admin/audit", none(), as("registrar", REGISTRAR, 403),
                as("Huli officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 200), as("admin", ADMIN, 200)));
        return AccessContract.check(RestAssured.port, rules);
    }

    /** A review step: registrars only; an unknown contract is 404; its own (state allowing it) answers {@code ok}. */
    private static void registrarOnly(List<Rule> rules, String operation, String suffix, String id, String body, int ok) {
        rules.add(Rule.of(operation, "/contracts/" + id + suffix, body, none(), as("no role", NO_ROLE, 403),
                as("auditor", AUDITOR, 403), as("Huli officer", HULI_OFFICER, 403), as("the seller", APPLICANT_A, 403),
                as("registrar", REGISTRAR, ok)));
        rules.add(Rule.of(operation, NO_SUCH + suffix, body, as("registrar, unknown contract", REGISTRAR, 404)));
    }

    @Inject
    ContractRepository repository;

    /** A review of the district's, submitted 40 days ago under a 30-day deadline: 10 days overdue. */
    String overdue(District district, int n) {
        LocalDate submittedOn = Api.today().minusDays(40);
        ContractTerms terms = ContractTerms.basic("Overdue in " + district, ContractType.SERVICE,
                Party.domestic(new Uscc(Api.uscc("AR", n))), Party.domestic(new Uscc(Api.uscc("AR", n + 1))), district,
                submittedOn.minusDays(2), Money.ofYuan(10_000), Money.ofYuan(10_000));
        String id = "TC-OVERDUE-AR-" + district + "-" + n;
        repository.insert(TechContract.submit(id, terms, BricsStatus.NONE, List.of(),
                new ReviewRules.Deadline(submittedOn.plusDays(30), false), submittedOn).contract(), List.of());
        return id;
    }

    @Test
    void lists_and_statistics_hold_only_the_officers_district() {
        int n = 200;
        String huli = file(HULI_OFFICER, contract(A, B, HULI, n++)).getString("id");
        String siming = file(REGISTRAR, contract(S, B, SIMING, n++)).getString("id");
        // the overdue reviews: each district officer's list holds its own district's, never the other's
        String huliLate = overdue(District.HULI, 500);
        String simingLate = overdue(District.SIMING, 502);
        bearer(HULI_OFFICER).get("/contracts/overdue").then().statusCode(200).body("items.id", hasItem(huliLate))
                .body("items.id", not(hasItem(simingLate))).body("items.sellerDistrict", everyItem(equalTo("HULI")));
        bearer(SIMING_OFFICER).get("/contracts/overdue").then().statusCode(200).body("items.id", hasItem(simingLate))
                .body("items.id", not(hasItem(huliLate))).body("items.sellerDistrict", everyItem(equalTo("SIMING")));
        bearer(AUDITOR).get("/contracts/overdue").then().statusCode(200).body("items.id", hasItems(huliLate, simingLate));
        int year = Api.today().getYear();
        JsonPath simingFigures = bearer(SIMING_OFFICER).get("/statistics/contracts/" + year).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("SIMING"), simingFigures.getList("by.district.key"));
        String csv = bearer(HULI_OFFICER).get("/statistics/contracts/" + year + "/csv").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains(",district,HULI,") && !csv.contains(",district,SIMING,"), csv);
        JsonPath city = bearer(AUDITOR).get("/statistics/contracts/" + year).then().statusCode(200).extract().jsonPath();
        assertTrue(city.getList("by.district.key").containsAll(List.of("HULI", "SIMING")));
        // an applicant's own filing is visible to it; the Siming one is not
        bearer(APPLICANT_A).get("/contracts/" + huli).then().statusCode(200);
        bearer(APPLICANT_A).get("/contracts/" + siming).then().statusCode(404);
        // the list of contracts (issue 24): the same rules, in the query - whatever the filter asks for
        bearer(HULI_OFFICER).queryParam("limit", 200).get("/contracts").then().statusCode(200)
                .body("items.id", hasItem(huli)).body("items.id", not(hasItem(siming)))
                .body("items.sellerDistrict", everyItem(equalTo("HULI")));
        bearer(HULI_OFFICER).queryParam("district", "siming").get("/contracts").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(0));
        bearer(SIMING_OFFICER).queryParam("district", "Siming").queryParam("limit", 200).get("/contracts").then()
                .statusCode(200).body("items.id", hasItem(siming)).body("items.id", not(hasItem(huli)));
        bearer(APPLICANT_A).queryParam("limit", 200).get("/contracts").then().statusCode(200)
                .body("items.id", hasItem(huli)).body("items.id", not(hasItem(siming)));
        bearer(APPLICANT_X).queryParam("applicant", A).get("/contracts").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(0));
        bearer(AUDITOR).queryParam("limit", 200).queryParam("applicant", B).get("/contracts").then().statusCode(200)
                .body("items.id", hasItems(huli, siming));
    }

    /** Issue 23 item 3: registry staff write only in their district; the contract is not stored. */
    @Test
    void a_district_officer_cannot_register_a_contract_whose_seller_is_in_another_district() {
        Map<String, Object> huli = contract(A, B, HULI, 400);
        bearer(SIMING_OFFICER).body(huli).post("/contracts").then().statusCode(404)
                .contentType("application/problem+json");
        // nor may an applicant file for an enterprise it does not act for (it would learn nothing either)
        bearer(APPLICANT_X).body(huli).post("/contracts").then().statusCode(404)
                .contentType("application/problem+json");
        // nothing was stored: the contract's own district files it now
        file(HULI_OFFICER, huli);
    }

    @Test
    void the_actor_recorded_is_the_tokens_subject_never_a_header() {
        String id = given().header("Authorization", "Bearer " + HULI_OFFICER).header("X-User", "someone-else")
                .header("X-Roles", "registrar").contentType(ContentType.JSON).body(contract(A, B, HULI, 300))
                .post("/contracts").then().statusCode(201).extract().path("id");
        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            String actor = CloudEventRecords.header(Api.events(kafka, id, 1).get(0), "ce_actor");
            assertEquals("officer-huli", actor.split(";")[0], actor);
        }
    }

    static io.restassured.specification.RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static JsonPath file(String token, Map<String, Object> body) {
        return bearer(token).body(body).post("/contracts").then().statusCode(201).extract().jsonPath();
    }

    /** Gives a registered contract a pending amendment, proposed by its seller A. */
    static String pending(String id, int n) {
        bearer(APPLICANT_A).body(amendment(A, B, HULI, n)).post("/contracts/" + id + "/amendments").then().statusCode(202);
        return id;
    }

    /** A contract of this test; {@code n} makes its amounts (and so its duplicate key) its own. */
    static Map<String, Object> contract(String seller, String buyer, String district, int n) {
        return Api.with(Api.contract(seller, buyer), "sellerDistrict", district,
                "contractAmountFen", 250_000_000L + n, "technicalTransactionAmountFen", 210_000_000L + n);
    }

    static Map<String, Object> amendment(String seller, String buyer, String district, int n) {
        return Map.of("reason", "the price was revised", "terms", Api.with(contract(seller, buyer, district, n),
                "technicalTransactionAmountFen", 200_000_000L + n));
    }

    /** A contract registered nationally (another registry, 4401) last year. */
    static Map<String, Object> imported(String seller, String buyer, int n) {
        int last = Api.today().getYear() - 1;
        return Api.with(contract(seller, buyer, HULI, n), "signingDate", last + "-03-01", "registeredOn", last + "-04-01",
                "registrationNumber", String.format("%d4401%08d", last, 7000 + n));
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
