package org.susong.eligibility.application;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.persistence.AwardRepository;
import org.susong.eligibility.persistence.CertificationListRepository;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.LedgerRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 16 item 3, B1: "对首次或重新认定通过的国家级高新技术企业、首次认定的国家级专精特新“小巨人”企业、认定的国家级制造业单项冠军
 * 示范企业以及国家级技术创新示范企业,分别给予20万元至500万元不等的一次性奖励" (docs/policy.md). Eligibility owns the
 * certification lists: an administrator imports a year's list (CSV, all or nothing, every bad row named by line and
 * field) and a second administrator approves it; a B1 certificate is decided against the lists, never on the
 * applicant's word; importing a list awards every listed enterprise without an application (免申即享), once per list,
 * year and enterprise. Business date 2026-06-15.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class CertificationListsTest {

    static final String HEADER = "uscc,name,certificateNumber,certificationKind\n";
    static final String AWARD_PROPOSED = "susong.eligibility.AwardProposed.v1";

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    AwardRepository awards;
    @Inject
    CertificationListRepository lists;
    @Inject
    LedgerRepository ledgers;

    static RequestSpecification admin() {
        return given().header("X-User", "admin-1").header("X-Roles", "admin").contentType("text/csv");
    }

    /** A list file proposed by one administrator and approved by a second (maker-checker); the approval's answer. */
    static io.restassured.response.ValidatableResponse imported(String list, String csv) {
        String importId = admin().body(csv).post("/admin/certification-lists/" + list + "/2025").then().statusCode(202)
                .body("state", equalTo("PROPOSED")).extract().path("importId");
        return given().header("X-User", "admin-2").header("X-Roles", "admin")
                .post("/admin/certification-lists/imports/" + importId + "/approval").then().statusCode(200);
    }

    static String certificate(String prefix) {
        return prefix + "2025" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static Map<String, Object> b1(String category, String certificate, Object kind) {
        return kind == null ? Map.of("category", category, "certificateNumber", certificate, "certificationYear", 2025)
                : Map.of("category", category, "certificateNumber", certificate, "certificationYear", 2025,
                "certificationKind", kind);
    }

    Document decide(String uscc, Map<String, Object> facts) {
        String app = CapsAndReviewsTest.app("CL");
        decisions.decide(CapsAndReviewsTest.submission(app, uscc, "B1", "HULI", facts));
        return repository.findLatest(app).orElseThrow();
    }

    /** The AwardProposed events published under this proposal id so far. */
    static List<ConsumerRecord<String, String>> proposed(String proposalId) {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            return kafka.consumeStrings().fromTopics("eligibility.events", Duration.ofSeconds(3)).awaitCompletion()
                    .getRecords().stream().filter(r -> proposalId.equals(r.key())
                            && AWARD_PROPOSED.equals(CloudEventRecords.header(r, "ce_type"))).toList();
        }
    }

    @Test
    void a_list_file_with_bad_rows_is_refused_as_a_whole_naming_each_row_and_field() {
        String good = CertificationFixture.uscc();
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? "1" : "0");
        String noKind = CertificationFixture.uscc();
        String csv = HEADER + good + ",Good Co.," + certificate("GR") + ",FIRST\n"
                + badCheck + ",Bad Check Co.," + certificate("GR") + ",FIRST\n"
                + noKind + ",No Kind Co.," + certificate("GR") + ",\n"
                + good + ",Good Co. again," + certificate("GR") + ",RENEWED\n";
        Response refused = admin().body(csv).post("/admin/certification-lists/HIGH_TECH_ENTERPRISE/2025");
        refused.then().statusCode(422).contentType("application/problem+json");
        List<Map<String, Object>> violations = refused.jsonPath().getList("violations");
        assertEquals(3, violations.size(), refused.asString());
        assertEquals(List.of(3, 4, 5), violations.stream().map(v -> (Integer) v.get("line")).toList());
        assertEquals(List.of("uscc", "certificationKind", "uscc"), violations.stream().map(v -> v.get("field")).toList());
        assertTrue(String.valueOf(violations.get(1).get("message")).contains("never assumed"), refused.asString());
        assertTrue(refused.jsonPath().getString("detail").contains("nothing of this file was imported"));
        // nothing applied in part: the good first row is not on the list, and nobody was awarded
        assertTrue(lists.find("HIGH_TECH_ENTERPRISE", 2025, good).isEmpty());
        assertTrue(awards.find(CertificationAwards.awardId(org.susong.eligibility.domain.CertificationList.HIGH_TECH_ENTERPRISE,
                2025, good)).isEmpty());
        given().header("X-User", "auditor-1").header("X-Roles", "auditor")
                .get("/admin/certification-lists/HIGH_TECH_ENTERPRISE/2025/" + good).then().statusCode(404);

        // an unknown list and a year not yet over: 400 naming the field
        admin().body(HEADER + good + ",x,GR1,FIRST\n").post("/admin/certification-lists/GOLDEN_GOOSE/2025").then()
                .statusCode(400).body("field", equalTo("list"));
        admin().body(HEADER + good + ",x,GR1,FIRST\n").post("/admin/certification-lists/HIGH_TECH_ENTERPRISE/2027").then()
                .statusCode(400).body("field", equalTo("year"));
    }

    @Test
    void importing_a_list_awards_every_listed_enterprise_without_an_application_and_again_awards_nobody_twice() {
        // 免申即享: the listed enterprises are awarded on import, along the B3b path (proposal -> system-initiated application)
        String first = CertificationFixture.uscc();
        String second = CertificationFixture.uscc();
        String firstCertificate = certificate("GR");
        String csv = HEADER + first + ",First Co.," + firstCertificate + ",FIRST\n"
                + second + ",Second Co.," + certificate("GR") + ",RENEWED\n";
        // maker-checker: the proposer's file lists nobody and awards nothing until a second administrator approves it
        String importId = admin().body(csv).post("/admin/certification-lists/HIGH_TECH_ENTERPRISE/2025").then()
                .statusCode(202).extract().path("importId");
        assertTrue(lists.find("HIGH_TECH_ENTERPRISE", 2025, first).isEmpty(), "not listed before the approval");
        admin().post("/admin/certification-lists/imports/" + importId + "/approval").then().statusCode(409);
        assertTrue(awards.find("B1-2025-HTE-" + first).isEmpty(), "the proposer's own approval awards nobody");
        given().header("X-User", "admin-2").header("X-Roles", "admin")
                .post("/admin/certification-lists/imports/" + importId + "/approval").then().statusCode(200)
                .body("rows", equalTo(2)).body("listed", equalTo(2)).body("proposed", equalTo(2))
                .body("results.entry", equalTo(List.of("LISTED", "LISTED")))
                .body("results.award", equalTo(List.of("PROPOSED", "PROPOSED")))
                .body("results.amountFen", equalTo(List.of(30_000_000, 30_000_000)));
        String proposalId = "AP-B1-2025-HTE-" + first + "-1";
        Document award = awards.find("B1-2025-HTE-" + first).orElseThrow();
        assertEquals("PROPOSED", award.getString("state"));
        String capKey = "CAP|B1|C|HIGH_TECH_ENTERPRISE:" + firstCertificate;
        assertEquals(30_000_000L, ledgers.ledger(capKey).orElseThrow().get("usedFen", Number.class).longValue(),
                "the certificate's cap is taken when the award is proposed");

        ConsumerRecord<String, String> event = await().atMost(Duration.ofSeconds(30)).until(() -> proposed(proposalId),
                l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(AWARD_PROPOSED, event.value()));
        JsonNode body = readTree(event.value());
        assertEquals("B1", body.get("measureCode").asText());
        assertEquals(30_000_000L, body.get("amountFen").asLong());
        assertEquals("HIGH_TECH_ENTERPRISE", body.get("certification").get("list").asText());
        assertEquals("FIRST", body.get("facts").get("certificationKind").asText());
        assertTrue(body.get("explanation").get("zh").asText().contains("免申即享"), event.value());
        assertTrue(body.get("explanation").get("en").asText().contains("placeholder tiers"),
                "the amount rests on placeholder tiers and says so: " + event.value());

        // the same file again: nobody awarded twice, nothing more on the cap, no second event
        imported("HIGH_TECH_ENTERPRISE", csv).body("listed", equalTo(0)).body("unchanged", equalTo(2)).body("proposed", equalTo(0))
                .body("results.award", equalTo(List.of("ALREADY_PROPOSED", "ALREADY_PROPOSED")));
        assertEquals(30_000_000L, ledgers.ledger(capKey).orElseThrow().get("usedFen", Number.class).longValue());
        assertEquals(1, proposed(proposalId).size(), "one AwardProposed per (list, year, enterprise)");
        // a file stating a listed enterprise differently is refused, the entry kept
        admin().body(HEADER + first + ",First Co.," + certificate("GR") + ",FIRST\n")
                .post("/admin/certification-lists/HIGH_TECH_ENTERPRISE/2025").then().statusCode(422)
                .body("violations.field", hasItem("certificateNumber"));
        assertEquals(firstCertificate, lists.find("HIGH_TECH_ENTERPRISE", 2025, first).orElseThrow().certificateNumber());

        // the system-initiated application applications makes of the proposal is finalised with the proposal's amount
        String app = CapsAndReviewsTest.app("CLS");
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + app, app, first, "B1",
                "HULI", Map.of("proposalId", proposalId), proposalId));
        Document finalised = repository.findLatest(app).orElseThrow();
        assertEquals("APPROVED", finalised.getString("outcome"), finalised.toJson());
        assertEquals(30_000_000L, finalised.get("amountFen", Number.class).longValue());
        assertEquals(proposalId, finalised.getString("proposalId"));
        assertEquals("B1@1", finalised.getString("ruleVersion"));
        assertTrue(CapsAndReviewsTest.criterion(finalised, "certificationListed").getBoolean("passed"));
        assertEquals(30_000_000L, ledgers.ledger(capKey).orElseThrow().get("usedFen", Number.class).longValue(),
                "not capped a second time");

        // and the enterprise's own application for the same certificate is not awarded a second time
        Document own = decide(first, b1("HIGH_TECH_ENTERPRISE", firstCertificate, "FIRST"));
        assertEquals("REJECTED", own.getString("outcome"), own.toJson());
        assertFalse(CapsAndReviewsTest.criterion(own, "oncePerCertificate").getBoolean("passed"));
    }

    @Test
    void a_listed_certificate_is_decided_and_one_not_on_any_imported_list_is_rejected_saying_why() {
        // B1's certificate is checked against the lists (认定的……企业), not taken on the applicant's word
        String uscc = CertificationFixture.uscc();
        String listed = certificate("GR");
        CertificationFixture.listed(lists, uscc, listed);
        Document approved = decide(uscc, b1("HIGH_TECH_ENTERPRISE", listed, "FIRST"));
        assertEquals("APPROVED", approved.getString("outcome"), approved.toJson());
        assertEquals(30_000_000L, approved.get("amountFen", Number.class).longValue());
        assertTrue(CapsAndReviewsTest.criterion(approved, "certificationListed").getString("en").contains("is on the imported"));

        String unlisted = certificate("GR");
        Document rejected = decide(CertificationFixture.uscc(), b1("HIGH_TECH_ENTERPRISE", unlisted, "FIRST"));
        assertEquals("REJECTED", rejected.getString("outcome"));
        Document why = CapsAndReviewsTest.criterion(rejected, "certificationListed");
        assertFalse(why.getBoolean("passed"));
        assertTrue(why.getString("en").contains("is not on the imported 2025 list of national high-tech enterprises"),
                why.toJson());
        assertTrue(why.getString("zh").contains("不在已导入的 2025 年国家级高新技术企业名单中"), why.toJson());
        assertTrue(rejected.getList("capShares", Document.class, List.of()).isEmpty(), "nothing taken from any cap");
        assertTrue(ledgers.ledger("CAP|B1|C|HIGH_TECH_ENTERPRISE:" + unlisted).isEmpty());

        // listed, but with another certificate number: rejected naming the listed one
        Document other = decide(uscc, b1("HIGH_TECH_ENTERPRISE", certificate("GR"), "FIRST"));
        assertEquals("REJECTED", other.getString("outcome"));
        assertTrue(CapsAndReviewsTest.criterion(other, "certificationListed").getString("en").contains("holds certificate "
                + listed), other.toJson());
    }

    @Test
    void a_little_giant_counts_only_when_first_certified_and_the_kind_is_never_assumed() {
        // 首次认定的国家级专精特新“小巨人”企业: the kind is required and checked against the list
        String renewed = CertificationFixture.uscc();
        String first = CertificationFixture.uscc();
        String renewedCertificate = certificate("LG");
        String firstCertificate = certificate("LG");
        imported("LITTLE_GIANT", HEADER + renewed + ",Renewed Co.," + renewedCertificate + ",RENEWED\n"
                        + first + ",First Co.," + firstCertificate + ",FIRST\n")
                .body("results.award", equalTo(List.of("NOT_ELIGIBLE", "PROPOSED")))
                .body("results[1].amountFen", equalTo(50_000_000));
        Document notAwarded = awards.find("B1-2025-LGT-" + renewed).orElseThrow();
        assertEquals("NOT_ELIGIBLE", notAwarded.getString("state"));
        assertTrue(notAwarded.getString("reason").contains("little giant only first-time"), notAwarded.toJson());

        // an application leaving the kind out is refused, not assumed first-time
        Document unsaid = decide(renewed, b1("LITTLE_GIANT", renewedCertificate, null));
        assertEquals("REJECTED", unsaid.getString("outcome"));
        assertTrue(unsaid.getString("explanationEn").contains("certificationKind"), unsaid.getString("explanationEn"));
        // claiming first-time for a certificate the list states as renewed: rejected by the list
        Document claimed = decide(renewed, b1("LITTLE_GIANT", renewedCertificate, "FIRST"));
        assertEquals("REJECTED", claimed.getString("outcome"));
        Document why = CapsAndReviewsTest.criterion(claimed, "certificationListed");
        assertFalse(why.getBoolean("passed"));
        assertTrue(why.getString("en").contains("states a renewed certification"), why.toJson());
        assertTrue(why.getString("zh").contains("重新认定"), why.toJson());
    }

    static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
