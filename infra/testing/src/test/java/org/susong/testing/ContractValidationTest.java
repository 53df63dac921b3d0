package org.susong.testing;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 24 item 2: an exchange a test makes with the JDK's HTTP client (the access contract's cases, requests sent at
 * once) is checked like a REST-assured one while a class is under {@link ContractValidation}, and only then.
 */
class ContractValidationTest {

    static final String DOCUMENT = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {"/things/{id}/approval": {"post": {
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {
                 "200": {"description": "approved", "content": {"application/json": {"schema": {"type": "object",
                   "required": ["state"], "properties": {"state": {"type": "string", "enum": ["APPROVED"]}}}}}},
                 "404": {"description": "no such thing"}}}}}}
            """;

    static final HttpRequest APPROVAL = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/things/T-1/approval"))
            .POST(HttpRequest.BodyPublishers.noBody()).build();

    @AfterEach
    void noFilterLeft() {
        RestAssured.reset();
    }

    @Test
    void under_the_extension_an_answer_the_document_does_not_describe_fails() {
        RestAssured.filters(new ContractValidation.Checker(ContractValidation.validator(DOCUMENT)));
        HttpResponse<String> approved = answer(200, "{\"state\":\"APPROVED\"}");
        assertSame(approved, ContractValidation.checked(APPROVAL, null, approved));
        ContractValidation.checked(APPROVAL, null, answer(404, ""));

        AssertionError undocumentedStatus = assertThrows(AssertionError.class,
                () -> ContractValidation.checked(APPROVAL, null, answer(409, "")));
        assertTrue(undocumentedStatus.getMessage().contains("answered 409"), undocumentedStatus.getMessage());
        AssertionError wrongBody = assertThrows(AssertionError.class,
                () -> ContractValidation.checked(APPROVAL, null, answer(200, "{\"state\":\"PENDING\"}")));
        assertTrue(wrongBody.getMessage().contains("PENDING"), wrongBody.getMessage());
    }

    @Test
    void without_the_extension_nothing_is_checked() {
        HttpResponse<String> undocumented = answer(409, "");
        assertSame(undocumented, ContractValidation.checked(APPROVAL, null, undocumented));
    }

    static HttpResponse<String> answer(int status, String body) {
        HttpHeaders headers = HttpHeaders.of(body.isEmpty() ? Map.of() : Map.of("Content-Type",
                List.of("application/json")), (name, value) -> true);
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return APPROVAL;
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public String body() {
                return body;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return APPROVAL.uri();
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
