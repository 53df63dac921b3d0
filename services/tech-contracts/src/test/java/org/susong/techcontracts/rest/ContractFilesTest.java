package org.susong.techcontracts.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.files.VirusScans;
import org.susong.commons.ids.Hashes;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.techcontracts.application.ContractFileService;
import org.susong.techcontracts.application.ContractService;
import org.susong.techcontracts.persistence.ContractFiles;

/**
 * Issue 20 item 7: a contract's file kept with commons FileStore (GridFS in this service's database), as
 * applications keeps its attachments: checksummed, scanned, limited (%test: 64 KB) and swept after the retention;
 * registrars, admins and the contract's parties only.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class ContractFilesTest {

    static final byte[] PDF = pdf("technology development contract, signed and sealed");

    @Inject
    Clock businessClock;
    @Inject
    ContractFiles contractFiles;
    @Inject
    ContractService contractService;

    static byte[] pdf(String text) {
        byte[] head = ("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Title (" + text + ") >> endobj\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + 3_000);
        for (int i = head.length; i < all.length; i++) {
            all[i] = (byte) (i * 17);
        }
        return all;
    }

    /** A contract registered by a registrar: seller and buyer its parties. */
    static String contract(String seller, String buyer) {
        return Api.registrar().body(Api.contract(seller, buyer)).post("/contracts").then().statusCode(201)
                .extract().path("id");
    }

    static Response upload(RequestSpecification who, String id, String fileName, String type, byte[] body) {
        return who.contentType(type).queryParam("fileName", fileName).body(body).post("/contracts/" + id + "/files");
    }

    static RequestSpecification as(String roles) {
        return given().header("X-User", "u-" + roles).header("X-Roles", roles).header("X-District", "Haicang");
    }

    @Test
    void the_seller_uploads_the_signed_contract_the_buyer_lists_it_the_registrar_downloads_it_equal() {
        String seller = Api.uscc("CF", 1);
        String buyer = Api.uscc("CF", 2);
        String id = contract(seller, buyer);
        String sha256 = Hashes.sha256Hex(PDF);
        String fileId = upload(Api.applicantFor(seller), id, "技术开发合同.pdf", "application/pdf", PDF).then()
                .statusCode(201).body("sha256", equalTo(sha256)).body("sizeBytes", equalTo(PDF.length))
                .extract().path("id");
        Api.applicantFor(buyer).get("/contracts/" + id + "/files").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(fileId))
                .body("items[0].sha256", equalTo(sha256)).body("items[0].fileName", equalTo("技术开发合同.pdf"));
        for (RequestSpecification reader : List.of(Api.registrar(), as("admin"), Api.applicantFor(buyer))) {
            Response download = reader.get("/contracts/" + id + "/files/" + fileId);
            download.then().statusCode(200).contentType("application/pdf").header("X-Checksum-SHA256", sha256);
            assertArrayEquals(PDF, download.asByteArray());
            assertEquals(sha256, Hashes.sha256Hex(download.asByteArray()));
        }
    }

    @Test
    void too_large_another_type_not_its_type_and_a_refused_scan_are_not_kept() {
        String id = contract(Api.uscc("CF", 3), Api.uscc("CF", 4));
        upload(Api.registrar(), id, "big.pdf", "application/pdf", java.util.Arrays.copyOf(PDF, 64 * 1024 + 1)).then()
                .statusCode(413).contentType("application/problem+json");
        upload(Api.registrar(), id, "contract.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1)).then().statusCode(415)
                .body("field", equalTo("Content-Type"));
        upload(Api.registrar(), id, "scan.jpg", "image/jpeg", PDF).then().statusCode(422)
                .body("field", equalTo("Content-Type"));
        upload(Api.registrar(), id, "contract.pdf", "application/pdf", pdf(VirusScans.TEST_MARKER)).then().statusCode(422)
                .body("field", equalTo("file"));
        Api.registrar().get("/contracts/" + id + "/files").then().statusCode(200).body("items", empty());
    }

    @Test
    void another_enterprise_an_officer_and_an_auditor_reach_no_contract_file() {
        String seller = Api.uscc("CF", 5);
        String id = contract(seller, Api.uscc("CF", 6));
        String fileId = upload(Api.registrar(), id, "contract.pdf", "application/pdf", PDF).then().statusCode(201)
                .extract().path("id");
        RequestSpecification stranger = Api.applicantFor(Api.uscc("CF", 7));
        upload(stranger, id, "contract.pdf", "application/pdf", PDF).then().statusCode(404);
        Api.applicantFor(Api.uscc("CF", 7)).get("/contracts/" + id + "/files").then().statusCode(404);
        Api.applicantFor(Api.uscc("CF", 7)).get("/contracts/" + id + "/files/" + fileId).then().statusCode(404);
        as("officer").get("/contracts/" + id + "/files/" + fileId).then().statusCode(403);
        as("auditor").get("/contracts/" + id + "/files").then().statusCode(403);
        String other = contract(Api.uscc("CF", 8), Api.uscc("CF", 9));
        Api.registrar().get("/contracts/" + other + "/files/" + fileId).then().statusCode(404);
        Api.applicantFor(seller).get("/contracts/" + id + "/files/" + fileId).then().statusCode(200);
    }

    @Test
    void the_retention_sweep_deletes_a_file_past_its_retention() {
        String id = contract(Api.uscc("CF", 10), Api.uscc("CF", 11));
        Response uploaded = upload(Api.registrar(), id, "contract.pdf", "application/pdf", PDF);
        uploaded.then().statusCode(201);
        String fileId = uploaded.path("id");
        Instant retainUntil = Instant.parse(uploaded.path("retainUntil"));

        new ContractFileService(contractFiles, contractService, businessClock).sweep();
        new ContractFileService(contractFiles, contractService, Clock.fixed(retainUntil.minusSeconds(1),
                businessClock.getZone())).sweep();
        Api.registrar().get("/contracts/" + id + "/files/" + fileId).then().statusCode(200);

        new ContractFileService(contractFiles, contractService, Clock.fixed(retainUntil.plusSeconds(1),
                businessClock.getZone())).sweep();
        Api.registrar().get("/contracts/" + id + "/files/" + fileId).then().statusCode(404);
        Api.registrar().get("/contracts/" + id + "/files").then().statusCode(200).body("items", empty());
    }
}
