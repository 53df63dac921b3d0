package org.susong.commons.validation;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A measure's required-facts schema (JSON Schema 2020-12, published by eligibility in
 * {@code MeasurePublished.factsSchema}) checked against claimed facts. Applications checks on
 * submission, eligibility again when deciding: one mechanism, so both name a failing fact the same
 * way ({@code facts.<path>}). Schemas are compiled once per key ({@code <code>@<version>}:
 * published versions never change). A {@code pattern} runs on RE2J, a linear-time engine (the
 * validator's {@code regularExpressionFactory} option), so no pattern and no fact can make a check
 * backtrack for ever; a pattern RE2J cannot run (a backreference, a lookaround) makes the schema unusable.
 */
public final class FactsSchemas {

    private static final RegularExpressionFactory LINEAR_TIME = pattern -> {
        com.google.re2j.Pattern compiled;
        try {
            compiled = com.google.re2j.Pattern.compile(pattern);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern '" + pattern + "' cannot run on a linear-time engine (RE2J): "
                    + e.getDescription());
        }
        return value -> compiled.matcher(value).find();
    };
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .regularExpressionFactory(LINEAR_TIME).build()));
    private static final Schema META_SCHEMA =
            REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    /** One failing fact: {@code field} as an API names it ({@code facts.certificationYear}). */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** The violations of {@code factsJson} against {@code schemaJson}, compiled once under {@code key}; empty when none. */
    public List<Violation> violations(String key, String schemaJson, String factsJson) {
        Schema schema = compiled.computeIfAbsent(key, k -> REGISTRY.getSchema(schemaJson, InputFormat.JSON));
        return schema.validate(factsJson, InputFormat.JSON).stream().map(e -> new Violation(field(e), e.getMessage())).toList();
    }

    /**
     * Checks {@code schemaJson} against the JSON Schema 2020-12 meta-schema (bundled with the
     * validator, no network): a schema with, say, {@code "type": 12} would otherwise be accepted and
     * silently pass every fact.
     *
     * @throws IllegalArgumentException naming the first problem when it is no usable schema
     */
    public static void requireUsable(String schemaJson) {
        List<Error> problems;
        try {
            problems = META_SCHEMA.validate(schemaJson, InputFormat.JSON);
            // validating once builds every keyword's validator: a pattern RE2J cannot run is refused here
            REGISTRY.getSchema(schemaJson, InputFormat.JSON).validate("{}", InputFormat.JSON);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            Error first = problems.get(0);
            throw new IllegalArgumentException("not a JSON Schema 2020-12: " + first.getInstanceLocation() + " "
                    + first.getMessage());
        }
    }

    /** {@code $.certificationYear} or {@code /certificationYear} -> {@code facts.certificationYear}; a missing required one names itself. */
    static String field(Error error) {
        String location = String.valueOf(error.getInstanceLocation());
        String path = location.replaceFirst("^\\$", "").replace('/', '.').replaceAll("\\[(\\d+)]", ".$1");
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        String field = path.isEmpty() ? "facts" : "facts." + path;
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            field = field + "." + error.getProperty();
        }
        return field;
    }
}
