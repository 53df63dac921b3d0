package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.applications.application.AttachmentRetention;
import org.susong.applications.application.AttachmentService;
import org.susong.commons.files.VirusScans;
import org.susong.commons.ids.Hashes;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Issue 20 item 7: certificates, contracts and audit reports kept for real (GridFS in the service's own database),
 * checksummed, scanned, limited in size (%test: 64 KB) and type, kept for the retention and listed on the timeline;
 * read under the application's own access rules.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class AttachmentsTest {

    static final String MEASURE = "AT7";

    /** A small PDF whose bytes are not all text (a real file's are not). */
    static final byte[] PDF = pdf("a certificate of high-tech enterprise GR202535000123");

    @Inject
    Clock businessClock;
    @Inject
    AttachmentService attachments;

    static byte[] pdf(String text) {
        byte[] head = ("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Title (" + text + ") >> endobj\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[2_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @BeforeAll
    static void measure() {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.MeasurePublished.v1", MEASURE, "{\"code\":\"" + MEASURE + "\",\"version\":1,"
                            + "\"status\":\"OPEN\",\"requiredFacts\":[]}")).awaitCompletion();
        }
    }

    static RequestSpecification officer(String district) {
        return given().header("X-User", "o-" + district.toLowerCase()).header("X-Roles", "officer")
                .header("X-District", district);
    }

    static RequestSpecification applicant(String uscc) {
        return given().header("X-User", "ent-" + uscc).header("X-Roles", "applicant").header("X-Acting-For", uscc);
    }

    static String uscc(int n) {
        return Usccs.valid("MT", n);
    }

    /** A Huli applicant's submitted application. */
    static String application(String uscc) {
        officer("HULI").contentType(ContentType.JSON).body(Map.of("uscc", uscc, "name", "Attachment Co " + uscc,
                "type", "ENTERPRISE", "district", "Huli")).post("/applicants").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> officer("HULI").contentType(ContentType.JSON)
                .body(Map.of("applicantUscc", uscc, "measureCode", MEASURE, "facts", Map.of()))
                .post("/applications").statusCode() != 422);
        return officer("HULI").get("/applications?applicant=" + uscc).then().statusCode(200)
                .extract().path("items[0].id");
    }

    static Response upload(RequestSpecification who, String id, String fileName, String kind, String type, byte[] body) {
        return who.contentType(type).queryParam("fileName", fileName).queryParam("kind", kind).body(body)
                .post("/applications/" + id + "/attachments");
    }

    @Test
    void an_uploaded_certificate_is_listed_on_the_timeline_and_downloaded_equal_with_its_checksum() {
        String uscc = uscc(1);
        String id = application(uscc);
        String sha256 = Hashes.sha256Hex(PDF);
        String fileId = upload(officer("HULI"), id, "高新技术企业证书.pdf", "CERTIFICATE", "application/pdf", PDF)
                .then().statusCode(201)
                .body("sha256", equalTo(sha256)).body("sizeBytes", equalTo(PDF.length))
                .body("contentType", equalTo("application/pdf")).body("kind", equalTo("CERTIFICATE"))
                .body("fileName", equalTo("高新技术企业证书.pdf"))
                .extract().path("id");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        upload(applicant(uscc), id, "audit.png", "AUDIT_REPORT", "image/png", png).then().statusCode(201)
                .body("uploadedBy", org.hamcrest.Matchers.startsWith("ent-" + uscc));

        officer("HULI").get("/applications/" + id + "/attachments").then().statusCode(200)
                .body("items.id", hasItem(fileId)).body("items.size()", equalTo(2))
                .body("items[0].sha256", equalTo(sha256)).body("items[1].kind", equalTo("AUDIT_REPORT"));
        officer("HULI").get("/applications/" + id).then().statusCode(200)
                .body("timeline.kind", hasItem("ATTACHMENT_UPLOADED"))
                .body("timeline.find { it.cause == 'attachment:" + fileId + "' }.detail",
                        org.hamcrest.Matchers.containsString("高新技术企业证书.pdf"))
                .body("status", equalTo("SUBMITTED"));

        for (RequestSpecification reader : List.of(officer("HULI"), applicant(uscc),
                given().header("X-User", "aud-1").header("X-Roles", "auditor"))) {
            Response download = reader.get("/applications/" + id + "/attachments/" + fileId);
            download.then().statusCode(200).contentType("application/pdf").header("X-Checksum-SHA256", sha256);
            byte[] bytes = download.asByteArray();
            assertArrayEquals(PDF, bytes);
            assertEquals(sha256, Hashes.sha256Hex(bytes));
        }
    }

    @Test
    void a_file_too_large_of_another_type_or_not_of_its_type_is_refused_and_not_stored() {
        String id = application(uscc(2));
        byte[] tooLarge = java.util.Arrays.copyOf(PDF, 64 * 1024 + 1);
        upload(officer("HULI"), id, "big.pdf", "CERTIFICATE", "application/pdf", tooLarge).then().statusCode(413)
                .contentType("application/problem+json");
        upload(officer("HULI"), id, "notes.txt", "OTHER", "text/plain", "plain text".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(415).contentType("application/problem+json").body("field", equalTo("Content-Type"));
        upload(officer("HULI"), id, "renamed.pdf", "CERTIFICATE", "application/pdf",
                "MZ\u0090 an executable".getBytes(StandardCharsets.ISO_8859_1))
                .then().statusCode(422).body("field", equalTo("Content-Type"));
        upload(officer("HULI"), id, "../../etc/passwd.pdf", "CERTIFICATE", "application/pdf", PDF).then().statusCode(400)
                .body("field", equalTo("fileName"));
        upload(officer("HULI"), id, "c.pdf", "SELFIE", "application/pdf", PDF).then().statusCode(400)
                .body("field", equalTo("kind"));
        officer("HULI").get("/applications/" + id + "/attachments").then().statusCode(200).body("items", empty());
        officer("HULI").get("/applications/" + id).then().body("timeline.kind", not(hasItem("ATTACHMENT_UPLOADED")));
    }

    @Test
    void a_file_the_virus_scan_refuses_is_422_and_not_stored() {
        String id = application(uscc(3));
        byte[] infected = pdf(VirusScans.TEST_MARKER);
        upload(officer("HULI"), id, "certificate.pdf", "CERTIFICATE", "application/pdf", infected).then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("file"))
                .body("detail", org.hamcrest.Matchers.containsString("virus scan"));
        officer("HULI").get("/applications/" + id + "/attachments").then().statusCode(200).body("items", empty());
        officer("HULI").get("/applications/" + id).then().body("timeline.kind", not(hasItem("ATTACHMENT_UPLOADED")));
    }

    @Test
    void another_districts_officer_and_another_applicant_neither_upload_nor_read() {
        String uscc = uscc(4);
        String id = application(uscc);
        String fileId = upload(officer("HULI"), id, "contract.pdf", "CONTRACT", "application/pdf", PDF).then()
                .statusCode(201).extract().path("id");
        String other = uscc(5);
        upload(officer("SIMING"), id, "contract.pdf", "CONTRACT", "application/pdf", PDF).then().statusCode(404);
        upload(applicant(other), id, "contract.pdf", "CONTRACT", "application/pdf", PDF).then().statusCode(404);
        officer("SIMING").get("/applications/" + id + "/attachments").then().statusCode(404);
        applicant(other).get("/applications/" + id + "/attachments").then().statusCode(404);
        officer("SIMING").get("/applications/" + id + "/attachments/" + fileId).then().statusCode(404);
        applicant(other).get("/applications/" + id + "/attachments/" + fileId).then().statusCode(404);
        given().header("X-User", "fin-1").header("X-Roles", "finance").get("/applications/" + id + "/attachments/" + fileId)
                .then().statusCode(403);
        // a file id of another application reads nothing through this one
        String second = application(uscc(6));
        officer("HULI").get("/applications/" + second + "/attachments/" + fileId).then().statusCode(404);
        officer("HULI").get("/applications/" + id + "/attachments/" + fileId).then().statusCode(200);
    }

    @Test
    void the_retention_sweep_deletes_files_past_their_retention_and_says_so_on_the_timeline() {
        String id = application(uscc(7));
        Response uploaded = upload(officer("HULI"), id, "audit.pdf", "AUDIT_REPORT", "application/pdf", PDF);
        uploaded.then().statusCode(201);
        String fileId = uploaded.path("id");
        Instant retainUntil = Instant.parse(uploaded.path("retainUntil"));
        assertTrue(retainUntil.isAfter(businessClock.instant().plus(Duration.ofDays(3_000))), "kept for years: " + retainUntil);

        new AttachmentRetention(attachments, businessClock).sweep();
        new AttachmentRetention(attachments, Clock.fixed(retainUntil.minusSeconds(1), businessClock.getZone())).sweep();
        officer("HULI").get("/applications/" + id + "/attachments/" + fileId).then().statusCode(200);

        new AttachmentRetention(attachments, Clock.fixed(retainUntil.plusSeconds(1), businessClock.getZone())).sweep();
        officer("HULI").get("/applications/" + id + "/attachments/" + fileId).then().statusCode(404);
        officer("HULI").get("/applications/" + id + "/attachments").then().statusCode(200).body("items", empty());
        officer("HULI").get("/applications/" + id).then().statusCode(200)
                .body("timeline.kind", hasItem("ATTACHMENT_DELETED"))
                .body("timeline.find { it.cause == 'attachment-deleted:" + fileId + "' }.detail",
                        org.hamcrest.Matchers.containsString("retention"));
    }
}
