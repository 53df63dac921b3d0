package org.susong.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.susong.applications.persistence.MeasureProjection;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.validation.FactsSchemas;
import org.susong.commons.rest.Problem;
import org.susong.commons.rest.ProblemException;

/**
 * Checks claimed facts against the measure: its {@code factsSchema} (commons {@link FactsSchemas},
 * the check eligibility makes too) when the catalogue publishes one, else the list of required
 * fact names. The first problem is answered 422 naming the fact ({@code facts.<name>}).
 */
@ApplicationScoped
public class FactsValidator {

    private final FactsSchemas schemas = new FactsSchemas();
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
        List<FactsSchemas.Violation> violations = schemas.violations(measure.code() + "@" + measure.version(),
                measure.factsSchema(), Outbox.serialise(json, facts));
        if (!violations.isEmpty()) {
            FactsSchemas.Violation first = violations.get(0);
            throw ProblemException.unprocessable(first.field(), "measure " + measure.code() + ": " + first.message())
                    // the same members as every other problem's violations (commons Problem.Violation: field, message)
                    .with("violations", violations.stream().map(v -> new Problem.Violation(v.field(), v.message())).toList());
        }
    }
}
