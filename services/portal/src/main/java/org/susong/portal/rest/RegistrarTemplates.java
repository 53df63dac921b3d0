package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.susong.portal.client.ContractDetail;
import org.susong.portal.client.ContractStatistics;
import org.susong.portal.client.ServicePage;

/** The registrar's pages (templates/registrarQueue.html, registrarContract.html, registrarStatistics.html). */
@CheckedTemplate
public final class RegistrarTemplates {

    private RegistrarTemplates() {
    }

    /** A page of the contracts awaiting review; {@code error}: the list's failure as a sentence. */
    public static native TemplateInstance registrarQueue(Chrome chrome, ServicePage<ContractDetail> page,
                                                         String nextHref, String error);

    /**
     * A contract; while SUBMITTED the registration and refusal forms ({@code reasons}: the refusal's fields with their
     * values and problems, {@code reasonsProblem} the reasons' fieldset's, {@code formError} the summary of a refused
     * form); {@code notice} what was just done (the registration number issued).
     */
    public static native TemplateInstance registrarContract(Chrome chrome, ContractDetail contract, String notice,
                                                            List<RegistrarResource.ReasonField> reasons,
                                                            String reasonsProblem, String formError);

    /** A year's statistics ({@code stats} null with {@code error}), its breakdowns as tables, the CSV link. */
    public static native TemplateInstance registrarStatistics(Chrome chrome, int year, int previousYear,
                                                              int nextYear, ContractStatistics stats,
                                                              List<RegistrarResource.StatTable> tables, String csvHref,
                                                              String error);
}
