package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.susong.testing.AccessContract.Case;
import static org.susong.testing.AccessContract.Rule;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.AccessContract;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.OidcTestProfile;
import org.susong.testing.TestTokens;
import org.susong.testing.Usccs;

/**
 * Issues 13 and 23 (deny by default, district and USCC scoping): every operation of the OpenAPI
 * document, called with real bearer tokens, as {no token -> 401, a role that may not call it -> 403,
 * an officer of another district or an applicant of another USCC -> 404, its own -> 2xx}. The
 * fixtures - applicants and applications of Huli (the "own" ones) and of Siming - are made through
 * the service's own HTTP operations with tokens, before the rules are built.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(OidcTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class AccessRulesTest {

    static final String MEASURE = "AR1";

    @Inject
    com.mongodb.client.MongoClient mongo;

    static final String HULI_OFFICER = TestTokens.subject("o-huli").roles("officer").district("Huli").sign();
    static final String HULI_CHECKER = TestTokens.subject("o-huli-2").roles("officer").district("Huli").sign();
    static final String SIMING_OFFICER = TestTokens.subject("o-siming").roles("officer").district("Siming").sign();
    static final String AUDITOR = TestTokens.subject("aud-1").roles("auditor").sign();
    static final String ADMIN = TestTokens.subject("admin-1").roles("admin").sign();
    static final String FINANCE = TestTokens.subject("fin-1").roles("finance").sign();
    static final String REGISTRAR = TestTokens.subject("reg-1").roles("registrar").sign();
    static final String NO_ROLE = TestTokens.subject("nobody").sign();

    static String uscc(int n) {
        return Usccs.valid("MJ", n);
    }

    static String applicantToken(String uscc) {
        return TestTokens.subject("ent-" + uscc).roles("applicant").uscc(uscc).sign();
    }

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static String name(String uscc) {
        return "Access Test Co " + uscc;
    }

    static String register(String token, String uscc, String district) {
        bearer(token).body(Map.of("uscc", uscc, "name", name(uscc), "type", "ENTERPRISE", "district", district))
                .post("/applicants").then().statusCode(201);
        return uscc;
    }

    static String application(String token, String uscc, String period, boolean draft) {
        return bearer(token).body(Map.of("applicantUscc", uscc, "measureCode", MEASURE, "period", period,
                        "facts", Map.of("project", "P"), "draft", draft))
                .post("/applications").then().statusCode(201).extract().path("id");
    }

    static String account(String uscc, String number) {
        return "{\"accountName\":\"" + name(uscc) + "\",\"accountNumber\":\"" + number
                + "\",\"bankCode\":\"105393000015\",\"bankName\":\"CCB Xiamen\"}";
    }

    static String rename(String uscc) {
        return "{\"name\":\"Renamed " + name(uscc) + "\",\"reason\":\"renamed\",\"evidenceRef\":\"XM-AMR-" + uscc + "\"}";
    }

    static Case none() {
        return new Case("no token", null, 401);
    }

    static Case none503() {
        return new Case("no token", null, 503);
    }

    static Case as(String who, String token, int expected) {
        return new Case(who, token, expected);
    }

    /** Eligibility's answer for the application, as its topic carries it. */
    static void decided(String id, String outcome) {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.EligibilityDecided.v1", "D-" + id, "{\"decisionId\":\"D-" + id
                            + "\",\"applicationId\":\"" + id + "\",\"outcome\":\"" + outcome + "\",\"amountFen\":0,"
                            + "\"ruleVersion\":\"" + MEASURE + "@1\",\"explanation\":{\"en\":\"access test\"}}"))
                    .awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome.equals(bearer(AUDITOR).get("/applications/" + id)
                .then().extract().path("status")));
    }

    void measureReady() {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.MeasurePublished.v1", MEASURE, "{\"code\":\"" + MEASURE + "\",\"version\":1,"
                            + "\"status\":\"OPEN\",\"requiredFacts\":[\"project\"]}")).awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                .countDocuments(new org.bson.Document("_id", MEASURE)) == 1);
    }

    /** Issue 13: the actor on the timeline is the token's subject, whatever development header comes with it. */
    @org.junit.jupiter.api.Test
    void the_actor_recorded_is_the_token_subject_never_a_header() {
        measureReady();
        String uscc = register(HULI_OFFICER, uscc(40), "Huli");
        String id = bearer(HULI_OFFICER).header("X-User", "mallory").header("X-Roles", "admin")
                .body(Map.of("applicantUscc", uscc, "measureCode", MEASURE, "facts", Map.of("project", "P"), "draft", true))
                .post("/applications").then().statusCode(201).extract().path("id");
        bearer(AUDITOR).get("/applications/" + id).then().statusCode(200)
                .body("timeline[0].actor", org.hamcrest.Matchers.startsWith("o-huli;"));
        bearer(AUDITOR).get("/applicants/" + uscc + "/history").then().statusCode(200)
                .body("items[0].actor", org.hamcrest.Matchers.startsWith("o-huli;"));
    }

    @TestFactory
    Stream<DynamicTest> every_operation_answers_by_role_and_scope() {
        measureReady();
        String year = String.valueOf(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear());

        String huli = register(HULI_OFFICER, uscc(1), "Huli");
        String huliForChange = register(HULI_OFFICER, uscc(2), "Huli");
        String huliForApproval = register(HULI_OFFICER, uscc(3), "Huli");
        String huliForSubmit = register(HULI_OFFICER, uscc(4), "Huli");
        String huliForImport = register(HULI_OFFICER, uscc(9), "Huli");
        String siming = register(SIMING_OFFICER, uscc(5), "Siming");
        String huliApp = application(HULI_OFFICER, huli, year, false);
        String huliDraft = application(HULI_OFFICER, huliForApproval, year, true);
        String huliDraftToWithdraw = application(HULI_OFFICER, huliForChange, year, true);
        String changeId = bearer(HULI_OFFICER).body(account(huliForApproval, "35150198010100003333"))
                .post("/applicants/" + huliForApproval + "/bank-account-changes").then().statusCode(202).extract()
                .path("pendingBankAccountChange.id");
        String huliForRejection = register(HULI_OFFICER, uscc(10), "Huli");
        String rejectedId = bearer(HULI_OFFICER).body(account(huliForRejection, "35150198010100004444"))
                .post("/applicants/" + huliForRejection + "/bank-account-changes").then().statusCode(202).extract()
                .path("pendingBankAccountChange.id");
        // registration changes (issue 20 item 6): a proposal to approve and one to reject, both by the Huli officer
        String huliForRename = register(HULI_OFFICER, uscc(16), "Huli");
        String huliForAdminRename = register(HULI_OFFICER, uscc(17), "Huli");
        String huliForRenameApproval = register(HULI_OFFICER, uscc(18), "Huli");
        String huliForRenameRejection = register(HULI_OFFICER, uscc(19), "Huli");
        String renameToApprove = bearer(HULI_OFFICER).body(rename(huliForRenameApproval))
                .post("/applicants/" + huliForRenameApproval + "/registration-changes").then().statusCode(202).extract()
                .path("pendingRegistrationChange.id");
        String renameToReject = bearer(HULI_OFFICER).body(rename(huliForRenameRejection))
                .post("/applicants/" + huliForRenameRejection + "/registration-changes").then().statusCode(202).extract()
                .path("pendingRegistrationChange.id");
        String newcomer = uscc(6);
        String selfRegistering = uscc(7);
        String huliToken = applicantToken(huli);
        String simingToken = applicantToken(siming);
        // an applicant acting for itself: it applies, submits its draft, withdraws another, appeals its rejection
        String applying = register(HULI_OFFICER, uscc(14), "Huli");
        String submitting = register(HULI_OFFICER, uscc(12), "Huli");
        String ownDraftToSubmit = application(HULI_OFFICER, submitting, year, true);
        String withdrawing = register(HULI_OFFICER, uscc(13), "Huli");
        String ownDraftToWithdraw = application(HULI_OFFICER, withdrawing, year, true);
        String appealing = register(HULI_OFFICER, uscc(11), "Huli");
        String rejected = application(HULI_OFFICER, appealing, year, false);
        decided(rejected, "REJECTED");
        String resubmitting = register(HULI_OFFICER, uscc(15), "Huli");
        String rejectedToResubmit = application(HULI_OFFICER, resubmitting, year, false);
        decided(rejectedToResubmit, "REJECTED");

        List<Rule> rules = new ArrayList<>();
        // registration creates: another district or USCC is refused (403: there is nothing to hide yet)
        rules.add(Rule.of("POST /applicants", "/applicants", "{\"uscc\":\"" + newcomer + "\",\"name\":\"New Co\","
                        + "\"type\":\"ENTERPRISE\",\"district\":\"Huli\"}",
                none(), as("finance", FINANCE, 403), as("auditor", AUDITOR, 403), as("no role", NO_ROLE, 403),
                as("Siming officer", SIMING_OFFICER, 403), as("applicant of another USCC", huliToken, 403),
                as("Huli officer", HULI_OFFICER, 201)));
        rules.add(Rule.of("POST /applicants", "/applicants", "{\"uscc\":\"" + selfRegistering + "\",\"name\":\"Self Co\","
                        + "\"type\":\"ENTERPRISE\",\"district\":\"Huli\"}",
                as("the applicant itself", applicantToken(selfRegistering), 201)));
        rules.add(Rule.of("GET /applicants/{uscc}", "/applicants/" + huli, null,
                none(), as("finance", FINANCE, 403), as("registrar", REGISTRAR, 403), as("no role", NO_ROLE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 200), as("the applicant itself", huliToken, 200),
                as("auditor", AUDITOR, 200), as("admin", ADMIN, 200)));
        rules.add(Rule.of("PATCH /applicants/{uscc}", "/applicants/" + huli,
                "{\"contact\":{\"person\":\"Li\",\"phone\":\"0592-1234567\"}}",
                none(), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 200), as("the applicant itself", huliToken, 200)));
        rules.add(Rule.of("GET /applicants/{uscc}/history", "/applicants/" + huli + "/history", null,
                none(), as("applicant", huliToken, 403), as("finance", FINANCE, 403),
                as("Siming officer", SIMING_OFFICER, 404),
                as("Huli officer", HULI_OFFICER, 200), as("auditor", AUDITOR, 200)));
        rules.add(Rule.of("POST /applicants/{uscc}/bank-account-changes",
                "/applicants/" + huliForChange + "/bank-account-changes", account(huliForChange, "35150198010100002222"),
                none(), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403), as("finance", FINANCE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("applicant itself", applicantToken(huliForChange), 202), as("Huli officer", HULI_OFFICER, 202)));
        rules.add(Rule.of("POST /applicants/{uscc}/bank-account-changes/{changeId}/approval",
                "/applicants/" + huliForApproval + "/bank-account-changes/" + changeId + "/approval", null,
                none(), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403),
                as("Siming officer", SIMING_OFFICER, 404),
                as("a second Huli officer", HULI_CHECKER, 200)));
        rules.add(Rule.of("POST /applicants/{uscc}/bank-account-changes/{changeId}/rejection",
                "/applicants/" + huliForRejection + "/bank-account-changes/" + rejectedId + "/rejection",
                "{\"reason\":\"not the applicant's account\"}",
                none(), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403), as("admin", ADMIN, 403),
                as("applicant of another USCC", simingToken, 404), as("Siming officer", SIMING_OFFICER, 404),
                as("a Huli officer", HULI_CHECKER, 200)));
        rules.add(Rule.of("POST /applicants/{uscc}/registration-changes",
                "/applicants/" + huliForRename + "/registration-changes", rename(huliForRename),
                none(), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403),
                as("applicant itself", applicantToken(huliForRename), 403), as("Siming officer", SIMING_OFFICER, 404),
                as("Huli officer", HULI_OFFICER, 202)));
        rules.add(Rule.of("POST /applicants/{uscc}/registration-changes",
                "/applicants/" + huliForAdminRename + "/registration-changes", rename(huliForAdminRename),
                as("admin", ADMIN, 202)));
        rules.add(Rule.of("POST /applicants/{uscc}/registration-changes/{changeId}/approval",
                "/applicants/" + huliForRenameApproval + "/registration-changes/" + renameToApprove + "/approval", null,
                none(), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403),
                as("applicant itself", applicantToken(huliForRenameApproval), 403),
                as("Siming officer", SIMING_OFFICER, 404), as("the maker", HULI_OFFICER, 409),
                as("a second Huli officer", HULI_CHECKER, 200)));
        rules.add(Rule.of("POST /applicants/{uscc}/registration-changes/{changeId}/rejection",
                "/applicants/" + huliForRenameRejection + "/registration-changes/" + renameToReject + "/rejection",
                "{\"reason\":\"no notice of the new name\"}",
                none(), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403),
                as("applicant itself", applicantToken(huliForRenameRejection), 403),
                as("Siming officer", SIMING_OFFICER, 404), as("a Huli officer", HULI_CHECKER, 200)));
        rules.add(Rule.of("POST /applications", "/applications", "{\"applicantUscc\":\"" + huliForSubmit
                        + "\",\"measureCode\":\"" + MEASURE + "\",\"facts\":{\"project\":\"X\"}}",
                none(), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403), as("no role", NO_ROLE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 201)));
        rules.add(Rule.of("POST /applications", "/applications", "{\"applicantUscc\":\"" + applying
                        + "\",\"measureCode\":\"" + MEASURE + "\",\"facts\":{\"project\":\"X\"}}",
                as("applicant of another USCC", huliToken, 404), as("the applicant itself", applicantToken(applying), 201)));
        for (String list : List.of("/applications", "/applications/export.csv", "/applications/counts")) {
            // lists are filtered in the query (see ScopedListsTest); asking for another district is 403 district
            rules.add(Rule.of("GET " + list, list + "?district=Huli", null,
                    none(), as("finance", FINANCE, 403), as("no role", NO_ROLE, 403),
                    as("Siming officer asking for Huli", SIMING_OFFICER, 403),
                    as("Huli officer", HULI_OFFICER, 200), as("auditor", AUDITOR, 200)));
        }
        // the officers' queue of waiting applicant changes (issue 18): a district's own, the city's for admins and auditors
        rules.add(Rule.of("GET /applicants/pending-changes", "/applicants/pending-changes?kind=BANK_ACCOUNT", null,
                none(), as("finance", FINANCE, 403), as("registrar", REGISTRAR, 403), as("no role", NO_ROLE, 403),
                as("applicant", huliToken, 403), as("Huli officer", HULI_OFFICER, 200), as("auditor", AUDITOR, 200),
                as("admin", ADMIN, 200)));
        rules.add(Rule.of("GET /applications/{id}", "/applications/" + huliApp, null,
                none(), as("finance", FINANCE, 403), as("no role", NO_ROLE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 200), as("the applicant itself", huliToken, 200),
                as("auditor", AUDITOR, 200)));
        rules.add(Rule.of("GET /applications/{id}/views", "/applications/" + huliApp + "/views", null,
                none(), as("applicant", huliToken, 403), as("finance", FINANCE, 403),
                as("Siming officer", SIMING_OFFICER, 404),
                as("Huli officer", HULI_OFFICER, 200), as("auditor", AUDITOR, 200)));
        // attachments (issue 20 item 7) follow the application's rules: upload as a command, list and download as a read
        String pdf = "%PDF-1.4\n% access test\n";
        rules.add(new Rule(AccessContract.Operation.of("POST /applications/{id}/attachments"), "/applications/" + huliApp
                + "/attachments?fileName=certificate.pdf&kind=CERTIFICATE", pdf, "application/pdf", List.of(
                none(), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403), as("finance", FINANCE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 201), as("the applicant itself", huliToken, 201))));
        String fileId = bearer(HULI_OFFICER).contentType("application/pdf")
                .body(pdf.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .post("/applications/" + huliApp + "/attachments?fileName=fixture.pdf&kind=OTHER")
                .then().statusCode(201).extract().path("id");
        rules.add(Rule.of("GET /applications/{id}/attachments", "/applications/" + huliApp + "/attachments", null,
                none(), as("finance", FINANCE, 403), as("no role", NO_ROLE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 200), as("the applicant itself", huliToken, 200),
                as("auditor", AUDITOR, 200), as("admin", ADMIN, 200)));
        rules.add(Rule.of("GET /applications/{id}/attachments/{fileId}", "/applications/" + huliApp + "/attachments/"
                        + fileId, null,
                none(), as("finance", FINANCE, 403), as("no role", NO_ROLE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 200), as("the applicant itself", huliToken, 200),
                as("auditor", AUDITOR, 200), as("admin", ADMIN, 200)));
        rules.add(Rule.of("POST /applications/{id}/submission", "/applications/" + huliDraft + "/submission", null,
                none(), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 200)));
        rules.add(Rule.of("POST /applications/{id}/submission", "/applications/" + ownDraftToSubmit + "/submission", null,
                as("applicant of another USCC", huliToken, 404), as("the applicant itself", applicantToken(submitting), 200)));
        rules.add(Rule.of("POST /applications/{id}/withdrawal", "/applications/" + huliDraftToWithdraw + "/withdrawal",
                "{\"reason\":\"no longer needed\"}",
                none(), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403), as("no role", NO_ROLE, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("Huli officer", HULI_OFFICER, 200)));
        rules.add(Rule.of("POST /applications/{id}/withdrawal", "/applications/" + ownDraftToWithdraw + "/withdrawal",
                "{\"reason\":\"no longer needed\"}", as("applicant of another USCC", huliToken, 404),
                as("the applicant itself", applicantToken(withdrawing), 200)));
        // an appeal needs a REJECTED application: eligibility's rejection of its own, from the topic
        rules.add(Rule.of("POST /applications/{id}/appeal", "/applications/" + rejected + "/appeal",
                "{\"grounds\":\"the certificate was renewed\"}",
                none(), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403),
                as("Siming officer", SIMING_OFFICER, 404), as("applicant of another USCC", simingToken, 404),
                as("the applicant itself", applicantToken(appealing), 202)));
        // a resubmission needs a REJECTED application too (issue 20 item 5); it is made once, by the applicant itself
        rules.add(Rule.of("POST /applications/{id}/resubmission", "/applications/" + rejectedToResubmit + "/resubmission",
                "{\"facts\":{\"project\":\"corrected\"}}",
                none(), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403), as("finance", FINANCE, 403),
                as("no role", NO_ROLE, 403), as("Siming officer", SIMING_OFFICER, 404),
                as("applicant of another USCC", simingToken, 404),
                as("the applicant itself", applicantToken(resubmitting), 201)));
        // imports are scoped per row: a Siming officer's file with a Huli row is 200 with that row FAILED (before the
        // Huli officer's import creates it, so the row fails for its district, not as a duplicate)
        String failedRow = "\"outcome\":\"FAILED\"";
        rules.add(new Rule(AccessContract.Operation.of("POST /imports/applicants"), "/imports/applicants",
                "uscc,name,type,district\n" + uscc(8) + ",Import Co,ENTERPRISE,Huli\n", "text/csv", List.of(
                none(), as("applicant", huliToken, 403), as("auditor", AUDITOR, 403), as("finance", FINANCE, 403),
                as("Siming officer, a Huli row", SIMING_OFFICER, 200).containing("\"failed\":1", failedRow,
                        "\"field\":\"district\""),
                as("Huli officer", HULI_OFFICER, 200).containing("\"created\":1"))));
        rules.add(new Rule(AccessContract.Operation.of("POST /imports/applications"), "/imports/applications",
                "applicantUscc,measureCode,period,fact.project\n" + huliForImport + "," + MEASURE + "," + year + ",imported\n",
                "text/csv",
                List.of(none(), as("applicant", huliToken, 403), as("auditor", AUDITOR, 403),
                        as("finance", FINANCE, 403),
                        as("Siming officer, a Huli row", SIMING_OFFICER, 200).containing("\"failed\":1", failedRow,
                                "\"field\":\"applicantUscc\""),
                        as("Huli officer", HULI_OFFICER, 200).containing("\"created\":1"))));
        // the audit is city-wide (no district or USCC to scope it)
        rules.add(Rule.of("GET /admin/audit", "/admin/audit", null,
                none(), as("officer", HULI_OFFICER, 403), as("applicant", huliToken, 403), as("finance", FINANCE, 403),
                as("auditor", AUDITOR, 200)));
        // a test-only probe (TransientFailureProbe, @PermitAll): it holds no data and always answers 503
        rules.add(Rule.of("GET /test-only/transient-failure", none503())
                .exempt401("@PermitAll: a test-only probe holding no data, asked without a token")
                .exempt403("@PermitAll: it refuses no role")
                .exempt2xx("it answers 503 to everyone, the transient failure it stands for"));
        return AccessContract.check(RestAssured.port, rules);
    }
}
