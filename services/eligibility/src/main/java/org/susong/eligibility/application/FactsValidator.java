package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.validation.FactsSchemas;

/**
 * Checks an application's facts against its measure version's facts schema with commons
 * {@link FactsSchemas}, the same check (and the same field names) the applications service makes
 * on submission. Schemas are compiled once per measure version.
 */
@ApplicationScoped
public class FactsValidator {

    private final FactsSchemas schemas = new FactsSchemas();
    private final ObjectMapper json;

    FactsValidator(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Each violation as "facts.<path>: message"; empty when the facts satisfy the schema. The schema
     * is compiled once per measure version ({@code ruleVersion}; versions never change).
     */
    public List<String> violations(String ruleVersion, Map<String, Object> schema, Map<String, Object> facts) {
        if (schema == null || schema.isEmpty()) {
            return List.of();
        }
        return schemas.violations(ruleVersion, Outbox.serialise(json, schema), Outbox.serialise(json, facts)).stream()
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
