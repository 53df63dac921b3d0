package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The finance bureau's reconciliation page (issue 18 item 3) against payments' {@code GET /reconciliation/reports} and
 * its two imports ({@link FinanceFake}): the files with their outcomes and the items to look at; a statement or a
 * status report passed on as the officer, bytes unchanged, to the import of its kind, and its report shown with the
 * items to look at; nothing sent without a kind, without a file or with one that is not XML; the service's refusals as
 * its sentences with its statuses.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class ReconciliationPagesTest {

    static final Person OFFICER = Person.of("recon-officer", Role.FINANCE, null, null, null);
    /** A camt.053 with a Chinese account name: its bytes must reach payments unchanged. */
    static final String CAMT_053 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:"
            + "tech:xsd:camt.053.001.08\"><BkToCstmrStmt><Stmt><Id>STMT-20260617-001</Id><Acct><Nm>厦门市科学技术局"
            + "</Nm></Acct></Stmt></BkToCstmrStmt></Document>";

    @Test
    void the_files_are_listed_with_their_outcomes_and_what_to_look_at() {
        String before = SignedIn.downstreamRequests();
        SignedIn.as(OFFICER).get("/finance/reconciliation?lang=en").then().statusCode(200)
                .body(containsString("<code>camt053:STMT-20260616-001</code>"), containsString("<code>pain002:MSG-20260615-7</code>"),
                        containsString("<span data-outcome=\"SETTLED\">settled 2</span>"),
                        containsString("<span data-outcome=\"UNMATCHED\">matches no order 1</span>"),
                        containsString("<span data-outcome=\"REOPENED\">back into a batch 1</span>"),
                        containsString("data-look-at=\"1\""), containsString("data-look-at=\"0\""),
                        containsString("href=\"/finance/reconciliation?cursor=r2\""),
                        containsString("<a href=\"/finance/reconciliation\">Reconciliation</a>"),
                        containsString("enctype=\"multipart/form-data\""));
        String asked = SignedIn.downstreamRequests().substring(before.length());
        assertTrue(asked.contains("GET /reconciliation/reports?limit=50 | X-User=recon-officer X-Roles=finance"), asked);
    }

    @Test
    void a_statement_is_passed_on_unchanged_as_the_officer_and_its_report_shown() {
        String before = SignedIn.downstreamRequests();
        String page = SignedIn.as(OFFICER).multiPart("kind", "STATEMENT")
                .multiPart("file", "statement.xml", CAMT_053.getBytes(StandardCharsets.UTF_8), "application/xml")
                .post("/finance/reconciliation?lang=en").then().statusCode(200)
                .body(containsString("Imported camt053:STMT-20260617-001: 3 items, 2 of them to look at."),
                        containsString("<tr data-outcome=\"DUPLICATE_PAYMENT\">"),
                        containsString("<tr data-outcome=\"AMOUNT_MISMATCH\">"),
                        not(containsString("<tr data-outcome=\"SETTLED\">")), containsString("paid twice"))
                .extract().asString();
        assertTrue(page.contains("300,000.00"), "the duplicate's amount");
        String asked = SignedIn.downstreamRequests().substring(before.length());
        assertTrue(asked.contains("POST /reconciliation/statements | X-User=recon-officer X-Roles=finance"), asked);
        assertTrue(asked.contains("body=" + CAMT_053), "the bytes as uploaded: " + asked);

        String before2 = SignedIn.downstreamRequests();
        SignedIn.as(OFFICER).multiPart("kind", "STATUS_REPORT")
                .multiPart("file", "status.xml", "\uFEFF <Document/>".getBytes(StandardCharsets.UTF_8), "text/xml")
                .post("/finance/reconciliation").then().statusCode(200);
        assertTrue(SignedIn.downstreamRequests().substring(before2.length()).contains("POST /reconciliation/status-reports"),
                "a status report to its own import");
    }

    @Test
    void nothing_is_sent_without_a_kind_a_file_or_xml() {
        String before = SignedIn.downstreamRequests();
        SignedIn.as(OFFICER).multiPart("kind", "CAMT").multiPart("file", "s.xml", CAMT_053.getBytes(StandardCharsets.UTF_8))
                .post("/finance/reconciliation?lang=en").then().statusCode(400)
                .body(containsString("data-field=\"kind\""), containsString("Choose the kind of file."));
        SignedIn.as(OFFICER).multiPart("kind", "STATEMENT").multiPart("file", "empty.xml", new byte[0])
                .post("/finance/reconciliation?lang=en").then().statusCode(400)
                .body(containsString("data-field=\"file\""), containsString("Choose the file to import."),
                        containsString("value=\"STATEMENT\" required checked"));
        SignedIn.as(OFFICER).multiPart("kind", "STATEMENT")
                .multiPart("file", "scan.pdf", "%PDF-1.4 ...".getBytes(StandardCharsets.UTF_8), "application/pdf")
                .post("/finance/reconciliation?lang=en").then().statusCode(400)
                .body(containsString("data-field=\"file\""), containsString("The file is not XML"));
        String asked = SignedIn.downstreamRequests().substring(before.length());
        assertFalse(asked.contains("POST /reconciliation"), "nothing sent: " + asked);
    }

    @Test
    void the_services_refusals_are_its_sentences_with_its_status() {
        SignedIn.as(Person.of("recon-no-duty", Role.FINANCE, null, null, null)).multiPart("kind", "STATEMENT")
                .multiPart("file", "s.xml", CAMT_053.getBytes(StandardCharsets.UTF_8))
                .post("/finance/reconciliation").then().statusCode(403)
                .body(containsString("data-field=\"service\""), containsString("bank-file-importer"));
        String page = SignedIn.as(Person.of("recon-other-account", Role.FINANCE, null, null, null))
                .multiPart("kind", "STATEMENT").multiPart("file", "s.xml", CAMT_053.getBytes(StandardCharsets.UTF_8))
                .post("/finance/reconciliation").then().statusCode(422).extract().asString();
        assertTrue(page.contains("not the paying account"), page);
        assertEquals(1, page.split("id=\"import-form\"", -1).length - 1, "the form again");
    }
}
