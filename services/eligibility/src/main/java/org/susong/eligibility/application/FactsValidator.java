package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.validation.FactsSchemas;
import org.susong.eligibility.config.EligibilityConfig;

/**
 * Checks an application's facts against its measure version's facts schema with commons
 * {@link FactsSchemas}, the same check (and the same field names) the applications service makes
 * on submission. Schemas are compiled once per measure version.
 */
@ApplicationScoped
public class FactsValidator {

    private final FactsSchemas schemas = new FactsSchemas();
    private final ObjectMapper json;
    private final EligibilityConfig config;

    FactsValidator(ObjectMapper json, EligibilityConfig config) {
        this.json = json;
        this.config = config;
    }

    /**
     * Each violation as "facts.<path>: message"; empty when the facts satisfy the schema. Facts larger than
     * {@code facts-max-bytes} are one violation, checked before the schema. The schema is compiled once per
     * measure version ({@code ruleVersion}; versions never change).
     */
    public List<String> violations(String ruleVersion, Map<String, Object> schema, Map<String, Object> facts) {
        String serialised = Outbox.serialise(json, facts);
        int bytes = serialised.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.factsMaxBytes()) {
            return List.of("facts: " + bytes + " bytes, more than the limit of " + config.factsMaxBytes() + " bytes");
        }
        if (schema == null || schema.isEmpty()) {
            return List.of();
        }
        return schemas.violations(ruleVersion, Outbox.serialise(json, schema), serialised).stream()
                .map(FactsSchemas.Violation::toString).toList();
    }

    /** Refuses (400, field factsSchema) a schema that cannot be read as one. */
    public void checkSchema(Map<String, Object> schema) {
        if (schema == null || schema.isEmpty()) {
            return;
        }
        try {
            FactsSchemas.requireUsable(Outbox.serialise(json, schema));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("factsSchema", e.getMessage());
        }
    }
}
