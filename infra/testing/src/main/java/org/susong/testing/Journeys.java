package org.susong.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The REST journey the end-to-end tests ({@code infra/e2e} PlatformIT, on processes) and the container tests
 * ({@code infra/container-tests} ServiceImagesIT, on images) both drive: an applicant registered with a bank account
 * (maker and checker, issue 23 item 4), an application submitted once the measures have arrived, decided by
 * eligibility, reserved and paid by payments (issue 21 item 4). Each test keeps its own assertions beside it.
 *
 * <p>Pointed at a platform by a function from a service's name to its base URI and two officers of one district: the
 * maker who registers and submits, and the checker who approves the first bank account.
 */
public final class Journeys {

    /** The district applicants are registered in (the body's {@code district}; the officers' claim is {@link Principals#HULI}). */
    public static final String DISTRICT = "Huli";

    private final Function<String, String> baseUris;
    private final Principal officer;
    private final Principal checker;

    public Journeys(Function<String, String> baseUris, Principal officer, Principal checker) {
        if (officer.user().equals(checker.user())) {
            throw new IllegalArgumentException("the checker must be another officer than the maker: " + officer.user());
        }
        this.baseUris = baseUris;
        this.officer = officer;
        this.checker = checker;
    }

    /** A JSON request to a service as this principal (header stub). */
    public RequestSpecification as(Principal who, String service) {
        return given().baseUri(baseUris.apply(service)).headers(who.headers()).contentType(ContentType.JSON);
    }

    /** A JSON request to a service as the journeys' officer. */
    public RequestSpecification officer(String service) {
        return as(officer, service);
    }

    /**
     * Registers an applicant of a type in {@link #DISTRICT} with the bank account {@code 6222<n, 12 digits>} and has the
     * checker approve that first account; it takes effect after the cooling-off (5 s in the local profile), which
     * {@link #awaitAccount} waits for, so several registrations can cool off together.
     */
    public String startRegistration(String uscc, String name, String type, long n) {
        officer("applications").body(Map.of("uscc", uscc, "name", name, "type", type, "district", DISTRICT,
                        "bankAccount", Map.of("accountName", name, "accountNumber", String.format("6222%012d", n),
                                "bankCode", "102393000019", "bankName", "ICBC Xiamen Branch")))
                .post("/applicants").then().statusCode(201);
        String changeId = officer("applications").get("/applicants/" + uscc).then().statusCode(200).extract()
                .path("pendingBankAccountChange.id");
        as(checker, "applications").post("/applicants/" + uscc + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(200);
        return uscc;
    }

    /** Waits until the applicant's bank account is effective (payments instructs only orders with a payee snapshot). */
    public String awaitAccount(String uscc) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertNotNull(officer("applications")
                .get("/applicants/" + uscc).then().extract().path("bankAccount"), uscc + ": account effective"));
        return uscc;
    }

    /**
     * A B3a application (docs/policy.md, placeholder 10% of the investment in Xiamen) on 3,000,000 CNY invested:
     * 300,000 CNY, approved automatically and paid without a finance officer. Not B1: a B1 certificate must be on an
     * imported certification list (issue 16 item 3). B3a's exclusion group holds one award per applicant and year.
     */
    public static Map<String, Object> b3a(String uscc) {
        return Map.of("applicantUscc", uscc, "measureCode", "B3a", "facts", Map.of("projectNumber",
                "2026YFC" + UUID.randomUUID().toString().substring(0, 8), "projectName", "Transformation of a national key "
                        + "R&D result", "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 300_000_000L));
    }

    /** The amount B3a grants on {@link #b3a}'s facts: 300,000 CNY. */
    public static final long B3A_GRANT_FEN = 30_000_000L;

    /**
     * Submits once the measure projection has arrived (the seed's MeasurePublished events are asynchronous); with an
     * {@code Idempotency-Key} when {@code key} is not null. Answers the application's id.
     */
    public String submit(Map<String, Object> body, String key) {
        List<String> id = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            RequestSpecification request = officer("applications").body(body);
            if (key != null) {
                request = request.header("Idempotency-Key", key);
            }
            id.add(request.post("/applications").then().statusCode(201).extract().path("id"));
        });
        return id.get(id.size() - 1);
    }

    /** Waits until the application shows this status. */
    public void awaitStatus(String applicationId, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                officer("applications").get("/applications/" + applicationId).then().statusCode(200)
                        .body("status", equalTo(status)));
    }

    /** What {@link #applicantToPayment} did, for the test's own assertions. */
    public record Paid(String uscc, String applicationId, Map<String, Object> body, String idempotencyKey) {
    }

    /**
     * The journey: the applicant registered with an effective account, its B3a application submitted under an
     * Idempotency-Key, decided APPROVED by eligibility, reserved and paid by payments: the application PAID with the
     * facts of each step on its timeline, and one payment order, SETTLED.
     */
    public Paid applicantToPayment(String uscc, String name, long n) {
        awaitAccount(startRegistration(uscc, name, "ENTERPRISE", n));
        Map<String, Object> body = b3a(uscc);
        String key = UUID.randomUUID().toString();
        String id = submit(body, key);
        awaitStatus(id, "PAID");
        // no order across topics (architecture rule 5, docs/architecture.md#rule-5): the payment facts may reach the
        // timeline before the decision does, and the status is PAID either way; the decision fact arrives too
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer("applications").get("/applications/" + id)
                .then().body("status", equalTo("PAID"))
                .body("timeline.kind", hasItems("SUBMITTED", "DECIDED_APPROVED", "BUDGET_RESERVED", "PAYMENT_DISBURSED")));
        officer("eligibility").get("/decisions/" + id).then().statusCode(200).body("outcome", equalTo("APPROVED"));
        officer("payments").queryParam("applicationId", id).get("/payments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].state", equalTo("SETTLED"));
        return new Paid(uscc, id, body, key);
    }
}
