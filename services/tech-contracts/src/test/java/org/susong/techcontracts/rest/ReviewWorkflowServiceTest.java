package org.susong.techcontracts.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.techcontracts.rest.Api.applicantFor;
import static org.susong.techcontracts.rest.Api.contract;
import static org.susong.techcontracts.rest.Api.events;
import static org.susong.techcontracts.rest.Api.registrar;
import static org.susong.techcontracts.rest.Api.type;
import static org.susong.techcontracts.rest.Api.uscc;
import static org.susong.techcontracts.rest.Api.with;
import static org.susong.testing.TestBroker.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.susong.contracts.EventContracts;
import org.susong.testing.LocalInfraTestResource;
import org.susong.techcontracts.application.ReferenceData;
import org.susong.techcontracts.domain.BricsStatus;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.ReviewRules;
import org.susong.techcontracts.domain.TechContract;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;
import org.susong.techcontracts.persistence.ContractRepository;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.TestBroker;

/** The review workflow over REST, on the real local broker and store. USCC series "WF". */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class ReviewWorkflowServiceTest {

    @Inject
    ContractRepository repository;
    @Inject
    ReferenceData reference;

    static String submit(int seller, int buyer) {
        String sellerUscc = uscc("WF", seller);
        return applicantFor(sellerUscc).body(contract(sellerUscc, uscc("WF", buyer))).post("/contracts").then()
                .statusCode(201).body("status", equalTo("SUBMITTED")).body("registrationNumber", nullValue())
                .extract().path("id");
    }

    @Test
    void an_applicants_contract_is_submitted_then_registered_by_a_registrar_with_both_events() {
        String seller = uscc("WF", 1);
        String id = applicantFor(seller).body(contract(seller, uscc("WF", 2))).post("/contracts").then().statusCode(201)
                .body("status", equalTo("SUBMITTED"))
                // rules in force: 30 calendar days, a last day off moved to the next working day
                .body("reviewDueOn", equalTo(reference.calendar().onOrAfter(Api.today().plusDays(30))
                        .toString()))
                .extract().path("id");
        // an applicant cannot register it, an officer without the registrar role neither
        applicantFor(seller).post("/contracts/" + id + "/registration").then().statusCode(403);
        io.restassured.RestAssured.given().header("X-User", "officer-1").header("X-Roles", "officer")
                .post("/contracts/" + id + "/registration").then().statusCode(403);

        registrar().post("/contracts/" + id + "/registration").then().statusCode(200)
                .body("status", equalTo("REGISTERED"))
                .body("registrationNumber", matchesPattern(Api.today().getYear() + "3502[0-9]{8}"));
        // a number is issued once
        registrar().post("/contracts/" + id + "/registration").then().statusCode(409)
                // the problem's status is the HTTP status (RFC 9457); the contract's status is currentStatus, as in
                // every service (a second "status" member made the answer JSON with a duplicate key)
                .contentType("application/problem+json").body("status", equalTo(409))
                .body("currentStatus", equalTo("REGISTERED"));

        List<ConsumerRecord<String, String>> published = events(kafka(), id, 2);
        assertEquals(ContractEventsTypes.SUBMITTED, type(published.get(0)));
        assertEquals(ContractEventsTypes.REGISTERED, type(published.get(1)));
        for (ConsumerRecord<String, String> record : published) {
            assertEquals(List.of(), EventContracts.violations(type(record), record.value()), record.value());
        }
    }

    @Test
    void a_refusal_with_several_coded_reasons_releases_the_contract_for_a_new_filing() {
        String seller = uscc("WF", 11);
        Map<String, Object> body = contract(seller, uscc("WF", 12));
        String id = submit(11, 12);
        registrar().body(Map.of("reasons", List.of(Map.of("code", "OTHER")))).post("/contracts/" + id + "/refusal")
                .then().statusCode(400).body("field", equalTo("reasons[0].text"));
        registrar().body(Map.of("reasons", List.of(Map.of("code", "NOT_A_REASON")))).post("/contracts/" + id + "/refusal")
                .then().statusCode(400).body("field", equalTo("reasons[0].code"));
        registrar().body(Map.of("reasons", List.of())).post("/contracts/" + id + "/refusal")
                .then().statusCode(400).body("field", equalTo("reasons"));
        // the same contract again while submitted: 409 pointing at it
        applicantFor(seller).body(body).post("/contracts").then().statusCode(409)
                .body("existingContract", equalTo("/contracts/" + id));

        registrar().body(Map.of("reasons", List.of(Map.of("code", "SEAL_PROBLEMS"),
                        Map.of("code", "OTHER", "text", "the technical annex is not signed"))))
                .post("/contracts/" + id + "/refusal").then().statusCode(200).body("status", equalTo("REFUSED"))
                .body("refusals.code", hasItem("SEAL_PROBLEMS")).body("registrationNumber", nullValue());
        ConsumerRecord<String, String> refused = events(kafka(), id, 2).get(1);
        assertEquals(ContractEventsTypes.REFUSED, type(refused));
        assertEquals(List.of(), EventContracts.violations(ContractEventsTypes.REFUSED, refused.value()));
        // refused: the duplicate key is free again, the corrected contract can be filed
        String again = applicantFor(seller).body(body).post("/contracts").then().statusCode(201).extract().path("id");
        assertTrue(!again.equals(id));
    }

    @Test
    void a_registered_contract_is_amended_through_a_reviewed_amendment_then_cancelled_for_good() {
        String seller = uscc("WF", 21);
        Map<String, Object> body = contract(seller, uscc("WF", 22));
        String id = submit(21, 22);
        String number = registrar().post("/contracts/" + id + "/registration").then().statusCode(200)
                .extract().path("registrationNumber");
        Map<String, Object> larger = with(body, "contractAmountFen", 300_000_000L, "technicalTransactionAmountFen",
                260_000_000L);
        applicantFor(seller).body(Map.of("reason", "second phase", "terms", larger)).post("/contracts/" + id + "/amendments")
                .then().statusCode(202).body("technicalTransactionAmountFen", equalTo(210_000_000))
                .body("amendments[0].outcome", equalTo("PENDING"));
        // a bad amendment is refused at once, naming the field
        applicantFor(seller).body(Map.of("reason", "x", "terms", with(body, "technicalTransactionAmountFen", 400_000_000L)))
                .post("/contracts/" + id + "/amendments").then().statusCode(422)
                .body("field", equalTo("technicalTransactionAmountFen"));
        registrar().post("/contracts/" + id + "/amendments/pending/approval").then().statusCode(200)
                .body("technicalTransactionAmountFen", equalTo(260_000_000)).body("registrationNumber", equalTo(number))
                .body("amendments[0].outcome", equalTo("APPROVED"));

        registrar().body(Map.of("reason", " ")).post("/contracts/" + id + "/cancellation").then().statusCode(400)
                .body("field", equalTo("reason"));
        registrar().body(Map.of("reason", "rescinded by both parties")).post("/contracts/" + id + "/cancellation")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        registrar().body(Map.of("reason", "again")).post("/contracts/" + id + "/cancellation").then().statusCode(409);

        List<ConsumerRecord<String, String>> published = events(kafka(), id, 4);
        assertEquals(List.of(ContractEventsTypes.SUBMITTED, ContractEventsTypes.REGISTERED, ContractEventsTypes.AMENDED,
                ContractEventsTypes.CANCELLED), published.stream().map(Api::type).toList());
        for (ConsumerRecord<String, String> record : published) {
            assertEquals(List.of(), EventContracts.violations(type(record), record.value()), record.value());
        }
        assertTrue(published.get(2).value().contains("\"technicalTransactionAmountFen\":210000000"));
        assertTrue(published.get(2).value().contains("\"technicalTransactionAmountFen\":260000000"));
        // cancelled: the duplicate key (of the amended terms) is released
        applicantFor(seller).body(larger).post("/contracts").then().statusCode(201);
    }

    @Test
    void overdue_reviews_are_listed_for_registry_staff() {
        // a contract submitted 40 days ago under the rules in force (30 days): 10 days overdue
        LocalDate today = Api.today();
        LocalDate submittedOn = today.minusDays(40);
        ContractTerms terms = ContractTerms.basic("Overdue review", ContractType.SERVICE,
                Party.domestic(new Uscc(uscc("WF", 31))), Party.domestic(new Uscc(uscc("WF", 32))), District.JIMEI,
                submittedOn.minusDays(2), Money.ofYuan(10_000), Money.ofYuan(10_000));
        TechContract late = TechContract.submit("TC-OVERDUE-WF31", terms, BricsStatus.NONE, List.of(),
                new ReviewRules.Deadline(submittedOn.plusDays(30), false), submittedOn).contract();
        repository.insert(late, List.of());
        String fresh = submit(33, 34);

        registrar().queryParam("limit", 200).get("/contracts/overdue").then().statusCode(200)
                .body("items.id", hasItem("TC-OVERDUE-WF31")).body("items.id", not(hasItem(fresh)))
                .body("items.find { it.id == 'TC-OVERDUE-WF31' }.daysOverdue", equalTo(10));
        applicantFor(uscc("WF", 31)).get("/contracts/overdue").then().statusCode(403);
    }

    @Test
    void a_district_officer_sees_its_overdue_reviews_whatever_the_limit() {
        // Tong'an's review is the oldest overdue of all; Xiang'an's comes next
        LocalDate submittedOn = LocalDate.of(1999, 12, 1);
        for (District district : List.of(District.TONGAN, District.XIANGAN)) {
            int n = district == District.TONGAN ? 71 : 73;
            ContractTerms terms = ContractTerms.basic("Overdue in " + district, ContractType.SERVICE,
                    Party.domestic(new Uscc(uscc("WF", n))), Party.domestic(new Uscc(uscc("WF", n + 1))), district,
                    submittedOn.minusDays(2), Money.ofYuan(10_000), Money.ofYuan(10_000));
            LocalDate due = district == District.TONGAN ? LocalDate.of(2000, 1, 1) : LocalDate.of(2000, 1, 2);
            repository.insert(TechContract.submit("TC-OVERDUE-" + district, terms, BricsStatus.NONE, List.of(),
                    new ReviewRules.Deadline(due, false), submittedOn).contract(), List.of());
        }
        io.restassured.RestAssured.given().header("X-User", "o-xiangan").header("X-Roles", "officer")
                .header("X-District", "XIANGAN").queryParam("limit", 1).get("/contracts/overdue").then().statusCode(200)
                .body("items.id", equalTo(List.of("TC-OVERDUE-XIANGAN")));
    }

    @Test
    void foreign_parties_are_named_by_country_and_flagged_brics_and_imports_are_filed_by_the_buyer() {
        String buyer = uscc("WF", 41);
        Map<String, Object> imported = with(contract(null, buyer), "sellerUscc", null, "sellerName", "Skoltech",
                "sellerCountry", "RU", "signingDate", Api.today().minusDays(3).toString());
        // the domestic buyer files a technology import; the foreign seller cannot be the applicant
        applicantFor(buyer).body(imported).post("/contracts").then().statusCode(201)
                .body("seller.country", equalTo("RU")).body("sellerUscc", nullValue())
                .body("bricsStatus", equalTo("MEMBER"));
        applicantFor(buyer).body(with(imported, "sellerCountry", "XX")).post("/contracts").then().statusCode(400)
                .body("field", equalTo("sellerCountry"));
        applicantFor(buyer).body(with(imported, "sellerName", null)).post("/contracts").then().statusCode(400)
                .body("field", equalTo("sellerName"));
        Map<String, Object> export = with(contract(uscc("WF", 42), null), "buyerUscc", null, "buyerName", "TU Delft",
                "buyerCountry", "NL");
        registrar().body(export).post("/contracts").then().statusCode(201).body("bricsStatus", equalTo("NONE"))
                .body("registrationNumber", matchesPattern("[0-9]{16}"));
    }

    @Test
    void an_officer_may_accept_a_uscc_whose_check_character_fails_by_giving_a_reason() {
        String wrong = "91350100M000100Y44"; // GB 32100-2015 expects '3'
        Map<String, Object> body = contract(wrong, uscc("WF", 52));
        registrar().body(body).post("/contracts").then().statusCode(422).body("field", equalTo("sellerUscc"))
                .body("expectedCheckCharacter", equalTo("3"));
        registrar().body(with(body, "sellerUsccOverrideReason", "pilot-era code on the business licence"))
                .post("/contracts").then().statusCode(201).body("sellerUscc", equalTo(wrong));
    }

    @Test
    void contracts_registered_nationally_are_imported_with_their_numbers_once() {
        Map<String, Object> body = with(contract(uscc("WF", 61), uscc("WF", 62)), "signingDate", "2025-03-02",
                "registrationNumber", "2025110100000061", "registeredOn", "2025-03-20");
        registrar().body(body).post("/contracts/imports").then().statusCode(201)
                .body("registrationNumber", equalTo("2025110100000061")).body("imported", equalTo(true))
                .body("registeredOn", equalTo("2025-03-20"));
        // the same number again (another contract): 409
        registrar().body(with(body, "sellerUscc", uscc("WF", 63))).post("/contracts/imports").then().statusCode(409)
                .body("existingContract", matchesPattern("/contracts/TC-.*"));
        registrar().body(with(body, "registrationNumber", "20251101")).post("/contracts/imports").then().statusCode(400)
                .body("field", equalTo("registrationNumber"));
        applicantFor(uscc("WF", 61)).body(body).post("/contracts/imports").then().statusCode(403);
    }
}
