package org.susong.portal.client;

import java.util.List;

/**
 * A published version of a measure as eligibility's {@code GET /measures/{code}/versions/{version}} answers it (its
 * {@code domain.Measure}): the titles and the {@code placeholders}, each value the source does not give and the
 * catalogue fills in. The rule, schema and caps are ignored when read.
 */
public record MeasureVersion(String code, int version, String titleZh, String titleEn, List<String> placeholders) {

    public MeasureVersion {
        placeholders = placeholders == null ? List.of() : List.copyOf(placeholders);
    }
}
