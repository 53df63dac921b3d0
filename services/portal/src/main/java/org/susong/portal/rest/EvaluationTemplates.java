package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.susong.portal.domain.EvaluationFigures;

/** The evaluation page (templates/evaluation.html). */
@CheckedTemplate
public final class EvaluationTemplates {

    private EvaluationTemplates() {
    }

    /**
     * The figures ({@code rows}, {@code totals}; none with {@code error}) under the filters as chosen, the export links
     * with the same filters, the rebuild's state and, for {@code admin}, its button.
     */
    public static native TemplateInstance evaluation(Chrome chrome, EvaluationResource.Choices choices,
                                                     List<EvaluationFigures.Row> rows, EvaluationFigures.Row totals,
                                                     String exportQuery, String state, boolean mayRebuild,
                                                     String notice, String error);
}
