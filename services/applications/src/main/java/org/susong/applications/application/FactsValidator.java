package org.susong.applications.application;

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
import org.susong.applications.persistence.MeasureProjection;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.rest.ProblemException;

/**
 * Checks claimed facts against the measure: its {@code factsSchema} (JSON Schema 2020-12, the
 * validator event-contracts uses) when the catalogue publishes one, else the list of required
 * fact names. The first problem is answered 422 naming the fact ({@code facts.<name>}).
 */
@ApplicationScoped
public class FactsValidator {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    FactsValidator(ObjectMapper json) {
        this.json = json;
    }

    public void check(MeasureProjection.Measure measure, Map<String, Object> facts) {
        for (String required : measure.requiredFacts()) {
            Object value = facts.get(required);
            if (value == null || value.toString().isBlank()) {
                throw ProblemException.unprocessable("facts." + required, "measure " + measure.code() + " needs the fact '"
                        + required + "'");
            }
        }
        if (measure.factsSchema() == null) {
            return;
        }
        Schema schema = compiled.computeIfAbsent(measure.code() + "@" + measure.version(),
                key -> REGISTRY.getSchema(measure.factsSchema(), InputFormat.JSON));
        List<Error> errors = schema.validate(Outbox.serialise(json, facts), InputFormat.JSON);
        if (!errors.isEmpty()) {
            Error first = errors.get(0);
            throw ProblemException.unprocessable(field(first), "measure " + measure.code() + ": " + first.getMessage())
                    .with("violations", errors.stream().map(e -> field(e) + ": " + e.getMessage()).toList());
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
