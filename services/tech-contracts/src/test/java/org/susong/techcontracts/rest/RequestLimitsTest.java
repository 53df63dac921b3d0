package org.susong.techcontracts.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.techcontracts.domain.BricsStatus;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.ReviewRules;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.persistence.ContractRepository;

/**
 * Issue 23 item 10: the 64 MB body limit is the bulk endpoint's only (every other path keeps 1 MB);
 * a bulk body is read as a stream that stops at the row cap; the role is checked before any of it
 * is read; the one list (overdue reviews) is paged. The last two send headers announcing a body much longer than what follows and keep the
 * connection open: an answer can only come from a server that did not wait for the whole body.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class RequestLimitsTest {

    static final Duration PATIENCE = Duration.ofSeconds(45);

    @Test
    void an_ordinary_endpoint_refuses_a_body_over_one_megabyte() {
        String title = "x".repeat(2 * 1024 * 1024);
        Api.registrar().body(Api.with(Api.contract(Api.uscc("RL", 1), Api.uscc("RL", 2)), "title", title))
                .post("/contracts").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void a_bulk_body_is_read_only_up_to_the_row_cap() throws IOException {
        // 20,001 rows (the cap is 20,000), announced as part of a body 10 MB longer, never sent
        byte[] rows = "{}\n".repeat(20_001).getBytes(StandardCharsets.UTF_8);
        String status = statusLine("X-User: registrar-rl\r\nX-Roles: registrar\r\n", rows, 10 * 1024 * 1024);
        assertEquals("413", status.split(" ")[1], status);
    }

    @Test
    void the_role_is_checked_before_a_bulk_body_is_read() throws IOException {
        byte[] some = "{}\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        String status = statusLine("X-User: officer-rl\r\nX-Roles: officer\r\nX-District: Huli\r\n", some,
                10 * 1024 * 1024);
        assertEquals("403", status.split(" ")[1], status);
    }

    @Inject
    ContractRepository repository;

    @Test
    void the_overdue_list_is_paged_with_a_cursor() {
        // three overdue reviews of Siming, due on three days of 1998
        for (int i = 0; i < 3; i++) {
            ContractTerms terms = ContractTerms.basic("Paged overdue " + i, ContractType.SERVICE,
                    Party.domestic(new Uscc(Api.uscc("RL", 10 + i))), Party.domestic(new Uscc(Api.uscc("RL", 20 + i))),
                    District.SIMING, LocalDate.of(1997, 11, 1), Money.ofYuan(10_000), Money.ofYuan(10_000));
            repository.insert(TechContract.submit("TC-PAGED-RL" + i, terms, BricsStatus.NONE, List.of(),
                    new ReviewRules.Deadline(LocalDate.of(1998, 1, 1 + i), false), LocalDate.of(1997, 12, 1))
                    .contract(), List.of());
        }
        Response first = siming().queryParam("limit", 2).get("/contracts/overdue");
        first.then().statusCode(200).body("items.id", equalTo(List.of("TC-PAGED-RL0", "TC-PAGED-RL1")))
                .body("limit", equalTo(2));
        String next = first.path("nextCursor");
        assertTrue(next != null, "no cursor of the next page: " + first.asString());
        Response second = siming().queryParam("limit", 2).queryParam("cursor", next).get("/contracts/overdue");
        second.then().statusCode(200).body("items.id", equalTo(List.of("TC-PAGED-RL2")));
        org.junit.jupiter.api.Assertions.assertNull(second.<String>path("nextCursor"));
        siming().queryParam("cursor", "not-a-cursor").get("/contracts/overdue").then().statusCode(400)
                .body("field", equalTo("cursor"));
    }

    private static RequestSpecification siming() {
        return RestAssured.given().header("X-User", "o-siming-rl").header("X-Roles", "officer")
                .header("X-District", "Siming");
    }

    /** Sends a bulk request whose Content-Length exceeds what is sent by {@code missing} bytes; its status line. */
    private static String statusLine(String principalHeaders, byte[] sent, int missing) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /contracts/bulk HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                    + principalHeaders + "Content-Length: " + (sent.length + missing) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            // the rest of the body is never sent: the answer must not wait for it
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
