package org.susong.eligibility.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Object mother: version 1 of the seeded catalogue (src/main/resources/seed/measures.json). */
final class SeedCatalogue {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final Map<String, Measure> MEASURES = load();

    private SeedCatalogue() {
    }

    static Measure measure(String code) {
        return MEASURES.get(code);
    }

    static CompiledRule rule(String code) {
        return RuleEngine.compile(measure(code));
    }

    private static Map<String, Measure> load() {
        try (InputStream in = SeedCatalogue.class.getResourceAsStream("/seed/measures.json")) {
            Map<String, Measure> result = new LinkedHashMap<>();
            for (JsonNode node : JSON.readTree(in).get("measures")) {
                Measure m = JSON.treeToValue(node, Measure.class).withVersion(1);
                result.put(m.code(), m);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
