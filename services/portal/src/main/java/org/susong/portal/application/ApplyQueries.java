package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.ApplicationsClient;
import org.susong.portal.client.EligibilityClient;
import org.susong.portal.client.MeasureView;
import org.susong.portal.client.NewApplication;
import org.susong.portal.client.ServicePage;
import org.susong.portal.client.SubmittedApplication;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * What the applicant's apply form reads and writes, as the signed-in applicant: the catalogue's measures (eligibility)
 * and a new application (applications). The application is always the signed-in applicant's own USCC.
 */
@ApplicationScoped
public class ApplyQueries {

    /** The catalogue is one page of 200 today (17 measures); more pages are followed up to this many. */
    static final int MAX_PAGES = 10;
    /** commons {@code ListParams.MAX_LIMIT}. */
    static final int LIMIT = 200;

    private final EligibilityClient eligibility;
    private final ApplicationsClient applications;

    ApplyQueries(@RestClient EligibilityClient eligibility, @RestClient ApplicationsClient applications) {
        this.eligibility = eligibility;
        this.applications = applications;
    }

    /** The catalogue's measures whose status is {@code OPEN}, by code. */
    public List<MeasureView> openMeasures(Person person) {
        List<MeasureView> open = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String after = cursor;
            ServicePage<MeasureView> measures = Calls.as("eligibility", person,
                    as -> eligibility.measures(as, after, LIMIT));
            measures.items().stream().filter(MeasureView::open).forEach(open::add);
            cursor = measures.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return open;
    }

    /** A measure's current version with its facts schema (a 404 is the service's error). */
    public MeasureView measure(Person person, String code) {
        return Calls.as("eligibility", person, as -> eligibility.measure(as, code));
    }

    /**
     * Submits an application for {@code measureCode} with typed {@code facts} as the applicant, in the name of its own
     * USCC (the sign-in's claim), under the form's {@code idempotencyKey}.
     */
    public SubmittedApplication apply(Person person, String measureCode, java.util.Map<String, Object> facts,
                                      String idempotencyKey) {
        if (person.role() != Role.APPLICANT || person.actingFor() == null) {
            throw new IllegalArgumentException("an application submitted as " + person.role().code());
        }
        NewApplication body = new NewApplication(person.actingFor(), measureCode, facts, false);
        return Calls.as("applications", person, as -> applications.submit(as, idempotencyKey, body));
    }
}
