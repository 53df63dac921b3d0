package org.susong.commons.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FactsSchemasTest {

    static final String B1_LIKE = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["category", "certificationYear"],
             "properties": {"category": {"enum": ["HIGH_TECH_ENTERPRISE", "LITTLE_GIANT"]},
                            "certificationYear": {"type": "integer", "minimum": 2000},
                            "parties": {"type": "array", "items": {"type": "object", "properties": {"uscc": {"type": "string"}}}}}}
            """;

    final FactsSchemas schemas = new FactsSchemas();

    @Test
    void facts_that_satisfy_the_schema_have_no_violations() {
        assertEquals(List.of(), schemas.violations("B1@1", B1_LIKE,
                "{\"category\": \"LITTLE_GIANT\", \"certificationYear\": 2025}"));
    }

    @Test
    void each_violation_names_the_fact_as_the_api_does() {
        List<String> fields = schemas.violations("B1@1", B1_LIKE,
                "{\"category\": \"OTHER\", \"parties\": [{\"uscc\": 7}]}").stream().map(FactsSchemas.Violation::field).sorted().toList();
        assertEquals(List.of("facts.category", "facts.certificationYear", "facts.parties.0.uscc"), fields);
    }

    @Test
    void a_schema_that_is_no_schema_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> FactsSchemas.requireUsable("{\"type\": 12}"));
        FactsSchemas.requireUsable(B1_LIKE);
    }
}
