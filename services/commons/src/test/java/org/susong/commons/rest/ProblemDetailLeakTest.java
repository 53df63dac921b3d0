package org.susong.commons.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23 item 12 (abuse case: probing the implementation through error answers): a mistyped body
 * is answered with the field and the JSON type it needs, never with Java class names. Item 8 (inputs
 * that cannot be gamed): a fraction for an amount in fen is refused, not truncated ({@link StrictJson}).
 */
class ProblemDetailLeakTest {

    enum Kind { ENTERPRISE, UNIVERSITY }

    record Body(int count, long amountFen, boolean urgent, LocalDate signed, Kind kind, List<String> tags) {
    }

    private static final ObjectMapper JSON = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"count\":\"many\"}", "{\"amountFen\":1.5}", "{\"urgent\":\"perhaps\"}",
            "{\"signed\":\"yesterday\"}", "{\"kind\":\"COMPANY\"}", "{\"tags\":{\"a\":1}}", "{\"count\":[1]}"})
    void a_mistyped_field_is_named_without_class_names(String body) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> JSON.readValue(body, Body.class));
        Problem problem = (Problem) new ProblemMappers().mistyped(e, null).getEntity();
        assertEquals(400, problem.status());
        String field = body.substring(2, body.indexOf('"', 2));
        assertEquals(field, problem.field());
        assertFalse(problem.detail().contains("java.") || problem.detail().contains("org.susong")
                || problem.detail().contains("`") || problem.detail().contains("$"), problem.detail());
        assertTrue(problem.detail().startsWith("'" + field + "' must be "), problem.detail());
    }
}
