package org.susong.eligibility.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.susong.commons.rest.ProblemException;

/**
 * Checks an application's facts against its measure version's facts schema (JSON Schema 2020-12,
 * the same object {@code MeasurePublished} gives the applications service). Schemas are parsed once.
 */
@ApplicationScoped
public class FactsValidator {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final ObjectMapper json;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    FactsValidator(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Each violation as "facts/<path>: message"; empty when the facts satisfy the schema. The schema
     * is parsed once per measure version ({@code ruleVersion}; versions never change).
     */
    public List<String> violations(String ruleVersion, Map<String, Object> schema, Map<String, Object> facts) {
        if (schema == null || schema.isEmpty()) {
            return List.of();
        }
        Schema compiled = schemas.computeIfAbsent(ruleVersion, v -> REGISTRY.getSchema(write(schema), InputFormat.JSON));
        List<Error> errors = compiled.validate(write(facts), InputFormat.JSON);
        return errors.stream().map(e -> "facts" + e.getInstanceLocation().toString().replaceFirst("^\\$", "") + ": "
                + e.getMessage()).toList();
    }

    /** Refuses (400, field factsSchema) a schema that cannot be read as one. */
    public void checkSchema(Map<String, Object> schema) {
        if (schema == null || schema.isEmpty()) {
            return;
        }
        try {
            REGISTRY.getSchema(write(schema), InputFormat.JSON).validate("{}", InputFormat.JSON);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("factsSchema", "not a usable JSON Schema: " + e.getMessage());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
