package org.susong.portal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form of a facts schema and the facts read back from it, on the catalogue's schemas (eligibility's seed). */
class FactsFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_property_of_every_open_measure_of_the_catalogue_is_a_supported_field() throws Exception {
        JsonNode page;
        try (InputStream in = FactsFormTest.class.getResourceAsStream("/fake/measures-page.json")) {
            page = JSON.readTree(in);
        }
        int open = 0;
        for (JsonNode m : page.get("items")) {
            if (!"OPEN".equals(m.get("status").asText())) {
                assertTrue(FactsForm.fields(m.get("factsSchema")).isEmpty(), m.get("code").asText());
                continue;
            }
            open++;
            List<FactsForm.Field> fields = FactsForm.fields(m.get("factsSchema"));
            assertEquals(m.get("factsSchema").get("properties").size(), fields.size());
            for (FactsForm.Field f : fields) {
                assertNotEquals(FactsForm.Kind.UNSUPPORTED, f.kind(), m.get("code").asText() + "." + f.name());
                assertEquals(f.name().endsWith("Fen"), f.kind() == FactsForm.Kind.YUAN, f.name());
            }
        }
        assertEquals(7, open); // A3, A4, B1, B2, B3a, B3b, C1
    }

    @Test
    void integers_are_exact_yuan_become_exact_fen_and_a_checkbox_is_a_boolean() throws Exception {
        List<FactsForm.Field> fields = FactsForm.fields(JSON.readTree("""
                {"type": "object", "required": ["n", "amountFen"], "properties": {
                 "n": {"type": "integer", "minimum": 1}, "amountFen": {"type": "integer", "minimum": 1},
                 "flag": {"type": "boolean"}, "note": {"type": "string", "maxLength": 3}}}"""));
        FactsForm.Read read = FactsForm.read(fields, Map.of("n", "9007199254740993", "amountFen", "0.29",
                "flag", "true")::get);
        assertTrue(read.valid(), read.problems().toString());
        // 2^53 + 1: a double would make it ...992; 0.29 CNY through a double is 28.999... fen
        assertEquals(Map.of("n", 9007199254740993L, "amountFen", 29L, "flag", true), read.facts());
        FactsForm.Read none = FactsForm.read(fields, Map.of("n", "1", "amountFen", "1")::get);
        assertEquals(false, none.facts().get("flag")); // an unticked checkbox is sent as false
        assertTrue(!none.facts().containsKey("note")); // a blank optional field is left out
    }

    @Test
    void each_refused_field_is_named_with_its_problem() throws Exception {
        List<FactsForm.Field> fields = FactsForm.fields(JSON.readTree("""
                {"type": "object", "required": ["a", "b", "c", "d", "e", "f"], "properties": {
                 "a": {"type": "integer", "maximum": 10}, "b": {"type": "integer"}, "c": {"enum": ["X", "Y"]},
                 "d": {"type": "string", "minLength": 2, "maxLength": 3}, "e": {"type": "string", "pattern": "^[0-9]{2}$"},
                 "f": {"type": "integer"}, "g": {"type": "string", "maxLength": 2}}}"""));
        FactsForm.Read read = FactsForm.read(fields, Map.of("a", "11", "b", "1.5", "c", "Z", "d", "x", "e", "123",
                "g", "两个字符以上")::get);
        assertEquals(Map.of("a", FactsForm.Problem.ABOVE_MAXIMUM, "b", FactsForm.Problem.NOT_INTEGER,
                "c", FactsForm.Problem.NOT_AN_OPTION, "d", FactsForm.Problem.TOO_SHORT, "e", FactsForm.Problem.PATTERN,
                "f", FactsForm.Problem.REQUIRED, "g", FactsForm.Problem.TOO_LONG), read.problems());
        assertTrue(read.facts().isEmpty());
        // characters, not UTF-16 units: a character outside the BMP counts once
        assertTrue(FactsForm.read(fields.subList(6, 7), Map.of("g", "𠀀𠀀")::get).valid());
        FactsForm.Read yuan = FactsForm.read(FactsForm.fields(JSON.readTree("""
                {"properties": {"xFen": {"type": "integer", "minimum": 100000}}}""")), Map.of("xFen", "999.99")::get);
        assertEquals(Map.of("xFen", FactsForm.Problem.BELOW_MINIMUM), yuan.problems()); // 99999 fen < 100000
    }

    @Test
    void a_kind_the_catalogue_does_not_use_is_unsupported_and_a_required_one_cannot_be_filled_in() throws Exception {
        List<FactsForm.Field> fields = FactsForm.fields(JSON.readTree("""
                {"required": ["ratio"], "properties": {"ratio": {"type": "number"}, "list": {"type": "array"},
                 "any": {}, "mixed": {"enum": ["A", 1]}, "half": {"type": "integer", "minimum": 0.5}}}"""));
        fields.forEach(f -> assertEquals(FactsForm.Kind.UNSUPPORTED, f.kind(), f.name()));
        assertEquals(Map.of("ratio", FactsForm.Problem.UNSUPPORTED), FactsForm.read(fields, n -> null).problems());
    }
}
