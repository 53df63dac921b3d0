package org.susong.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A measure of the catalogue as eligibility's {@code GET /measures} and {@code GET /measures/{code}} answer it (its
 * {@code domain.Measure}, current version): the code, the titles, whether it takes applications ({@code status}
 * {@code OPEN}, {@code CLOSED}, {@code INFORMATIONAL}), the validity window, and the {@code factsSchema} (JSON Schema
 * 2020-12) the application's facts must satisfy, from which the apply form is generated. The rule, caps and the rest
 * are ignored when read.
 */
public record MeasureView(String code, int version, String titleZh, String titleEn, String status, String validFrom,
                          String validTo, List<String> requiredFacts, JsonNode factsSchema) {

    public static final String OPEN = "OPEN";

    public MeasureView {
        requiredFacts = requiredFacts == null ? List.of() : List.copyOf(requiredFacts);
    }

    /** Whether the catalogue takes applications for it (the service checks again, with its business date). */
    public boolean open() {
        return OPEN.equals(status);
    }

    /** Its title in the page's language. */
    public String title(String lang) {
        return "en".equals(lang) ? titleEn : titleZh;
    }
}
