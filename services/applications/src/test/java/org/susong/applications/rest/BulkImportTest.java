package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/** Bulk import: per-row report, de-duplication by business key, re-runs import once, corrections update. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class BulkImportTest {

    @Inject
    com.mongodb.client.MongoClient mongo;

    @BeforeAll
    static void measures() {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.MeasurePublished.v1", "D8",
                    "{\"code\":\"D8\",\"version\":1,\"status\":\"OPEN\",\"validFrom\":\"2024-01-01\","
                    + "\"validTo\":\"2026-12-31\",\"requiredFacts\":[\"employees\"]}")).awaitCompletion();
        }
    }

    @BeforeEach
    void projectionReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                .countDocuments(new org.bson.Document("_id", "D8")) == 1);
    }

    static String uscc(int n) {
        return Usccs.valid("MD", n);
    }

    static String wrongCheck(int n) {
        String valid = uscc(n);
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        return valid.substring(0, 17) + wrong;
    }

    static RequestSpecification officer(String contentType) {
        return given().header("X-User", "officer-imp").header("X-Roles", "officer").header("X-District", "HULI")
                .contentType(contentType);
    }

    static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonPath importCsv(String path, String csv) {
        return officer("text/csv").body(csv).post(path).then().statusCode(200).extract().jsonPath();
    }

    static void counts(JsonPath report, int created, int updated, int unchanged, int failed) {
        assertEquals(List.of(created, updated, unchanged, failed), List.of(report.getInt("created"), report.getInt("updated"),
                report.getInt("unchanged"), report.getInt("failed")), report.prettify());
    }

    @Test
    void applicants_from_csv_are_reported_per_row_imported_once_and_corrected_by_a_second_file() {
        String header = "uscc,name,type,district,contactPerson,contactPhone,contactEmail,checkOverrideReason\n";
        String file = header
                + uscc(1) + ",\"Xiamen Import Co, Ltd\",ENTERPRISE,Huli,Li Wei,0592-1111111,li@example.cn,\n"
                + wrongCheck(2) + ",Pilot Co,ENTERPRISE,Huli,,,,\n"
                + uscc(3) + ",Atlantis Co,ENTERPRISE,Atlantis,,,,\n"
                + uscc(1) + ",\"Xiamen Import Co, Ltd\",ENTERPRISE,Huli,Someone Else,,,\n";
        JsonPath first = importCsv("/imports/applicants", file);
        counts(first, 1, 0, 0, 3);
        assertEquals(List.of("CREATED", "FAILED", "FAILED", "FAILED"), first.getList("results.outcome"));
        assertEquals(List.of(2, 3, 4, 5), first.getList("results.line"));
        assertEquals("uscc", first.getString("results[1].field"));
        assertEquals("district", first.getString("results[2].field"));
        assertEquals("the same business key as line 2", first.getString("results[3].error"));

        counts(importCsv("/imports/applicants", file), 0, 0, 1, 3); // the same file again imports nothing new

        String corrected = header
                + uscc(1) + ",\"Xiamen Import Co, Ltd\",ENTERPRISE,Huli,Li Wei,0592-2222222,li@example.cn,\n"
                + wrongCheck(2) + ",Pilot Co,ENTERPRISE,Huli,,,,pilot-era code on the 2015 licence\n"
                + uscc(3) + ",Atlantis Co,ENTERPRISE,Huli,,,,\n";
        JsonPath third = importCsv("/imports/applicants", corrected);
        counts(third, 2, 1, 0, 0);
        given().header("X-User", "x").header("X-Roles", "auditor").get("/applicants/" + uscc(1)).then()
                .body("contact.phone", equalTo("0592-2222222"))
                .body("version", equalTo(2));
        given().header("X-User", "x").header("X-Roles", "auditor").get("/applicants/" + wrongCheck(2)).then()
                .body("checkCharacterValid", equalTo(false));

        given().header("X-User", "o-jimei").header("X-Roles", "officer").header("X-District", "JIMEI").contentType("text/csv")
                .body(header + uscc(4) + ",Huli Co,ENTERPRISE,Huli,,,,\n").post("/imports/applicants").then()
                .statusCode(200).body("failed", equalTo(1)).body("results[0].field", equalTo("district"));
        given().header("X-User", "a").header("X-Roles", "applicant").contentType("text/csv").body(corrected)
                .post("/imports/applicants").then().statusCode(403);
    }

    @Test
    void applications_from_json_lines_are_drafts_keyed_by_applicant_measure_and_period() {
        String a = uscc(10);
        String b = uscc(11);
        importCsv("/imports/applicants", "uscc,name,type,district\n" + a + ",Draft Co A,ENTERPRISE,Huli\n"
                + b + ",Draft Co B,UNIVERSITY,Huli\n");
        String file = "{\"applicantUscc\":\"" + a + "\",\"measureCode\":\"D8\",\"period\":\"2026\",\"facts\":{\"employees\":12}}\n"
                + "{\"applicantUscc\":\"" + b + "\",\"measureCode\":\"D8\",\"period\":\"2026\",\"facts\":{\"employees\":40}}\n"
                + "{\"applicantUscc\":\"" + uscc(99) + "\",\"measureCode\":\"D8\",\"period\":\"2026\",\"facts\":{}}\n"
                + "{not json\n";
        JsonPath first = officer("application/x-ndjson").body(bytes(file)).post("/imports/applications").then().statusCode(200)
                .extract().jsonPath();
        counts(first, 2, 0, 0, 2);
        assertEquals("applicantUscc", first.getString("results[2].field"));
        String draftA = first.getString("results[0].id");
        given().header("X-User", "x").header("X-Roles", "admin").get("/applications/" + draftA).then()
                .body("status", equalTo("DRAFT"));

        counts(officer("application/x-ndjson").body(bytes(file)).post("/imports/applications").then().statusCode(200).extract()
                .jsonPath(), 0, 0, 2, 2);

        String corrected = "{\"applicantUscc\":\"" + a + "\",\"measureCode\":\"D8\",\"period\":\"2026\",\"facts\":{\"employees\":13}}\n"
                + "{\"applicantUscc\":\"" + b + "\",\"measureCode\":\"D8\",\"period\":\"2026\",\"facts\":{\"employees\":40}}\n";
        JsonPath third = officer("application/x-ndjson").body(bytes(corrected)).post("/imports/applications").then().statusCode(200)
                .extract().jsonPath();
        counts(third, 0, 1, 1, 0);
        assertEquals(draftA, third.getString("results[0].id"));
        given().header("X-User", "x").header("X-Roles", "admin").get("/applications/" + draftA).then()
                .body("facts.employees", equalTo(13));

        // CSV with fact columns, submitted at once; a later correction of a submitted one is refused per row
        String csv = "applicantUscc,measureCode,period,fact.employees\n" + a + ",D8,2025,7\n";
        JsonPath submitted = officer("text/csv").body(csv).queryParam("submit", true).post("/imports/applications").then()
                .statusCode(200).extract().jsonPath();
        counts(submitted, 1, 0, 0, 0);
        given().header("X-User", "x").header("X-Roles", "admin").get("/applications/" + submitted.getString("results[0].id"))
                .then().body("status", equalTo("SUBMITTED")).body("facts.employees", equalTo(7));
        counts(importCsv("/imports/applications?submit=true", csv), 0, 0, 1, 0);
        JsonPath refused = importCsv("/imports/applications", "applicantUscc,measureCode,period,fact.employees\n" + a
                + ",D8,2025,8\n");
        counts(refused, 0, 0, 0, 1);
        assertEquals(submitted.getString("results[0].id"), refused.getString("results[0].id"));
    }

    static String row(String uscc, String facts) {
        return "{\"applicantUscc\":\"" + uscc + "\",\"measureCode\":\"D8\",\"period\":\"2026\",\"facts\":" + facts + "}\n";
    }

    static JsonPath importJsonLines(String query, String file) {
        return officer("application/x-ndjson").body(bytes(file)).post("/imports/applications" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void a_null_fact_fails_its_row_only_object_facts_rerun_unchanged_and_submit_submits_the_drafts_left() {
        String a = uscc(20);
        String b = uscc(21);
        String c = uscc(22);
        importCsv("/imports/applicants", "uscc,name,type,district\n" + a + ",Null Co A,ENTERPRISE,Huli\n"
                + b + ",Null Co B,ENTERPRISE,Huli\n" + c + ",Null Co C,ENTERPRISE,Huli\n");
        String file = row(a, "{\"employees\":3,\"site\":{\"city\":\"Xiamen\",\"floors\":[1,2]}}")
                + row(b, "{\"employees\":null}")
                + row(c, "{\"tags\":[\"x\",{\"k\":1}],\"employees\":5}");
        JsonPath first = importJsonLines("", file);
        counts(first, 2, 0, 0, 1);
        assertEquals("facts.employees", first.getString("results[1].field"));

        counts(importJsonLines("", file), 0, 0, 2, 1); // object and array facts compare as JSON: unchanged

        JsonPath submitted = importJsonLines("?submit=true", file); // the drafts the first run left are submitted now
        counts(submitted, 0, 2, 0, 1);
        given().header("X-User", "x").header("X-Roles", "admin").get("/applications/" + first.getString("results[0].id"))
                .then().body("status", equalTo("SUBMITTED")).body("facts.site.floors[1]", equalTo(2));
        counts(importJsonLines("?submit=true", file), 0, 0, 2, 1);

        // the REST path names a null fact too
        given().header("X-User", "officer-imp").header("X-Roles", "officer").header("X-District", "HULI")
                .contentType("application/json")
                .body("{\"applicantUscc\":\"" + b + "\",\"measureCode\":\"D8\",\"facts\":{\"employees\":null}}")
                .post("/applications").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("facts.employees"));
    }
}
