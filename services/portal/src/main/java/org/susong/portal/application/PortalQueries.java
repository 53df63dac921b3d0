package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.ApplicationPage;
import org.susong.portal.client.ApplicationRow;
import org.susong.portal.client.ApplicationsClient;
import org.susong.portal.client.Decision;
import org.susong.portal.client.EligibilityClient;
import org.susong.portal.client.ServiceError;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Csv;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * What the pages read, always as the signed-in person: the services decide what that person may see (an officer's
 * district, an applicant's USCC), the portal only asks. Read-only: the portal never writes the services' data.
 */
@ApplicationScoped
public class PortalQueries {

    /** The applications list's page size for an export (its maximum). */
    static final int EXPORT_PAGE = 200;

    private final ApplicationsClient applications;
    private final EligibilityClient eligibility;
    private final PortalConfig config;

    PortalQueries(@RestClient ApplicationsClient applications, @RestClient EligibilityClient eligibility,
                  PortalConfig config) {
        this.applications = applications;
        this.eligibility = eligibility;
        this.config = config;
    }

    /**
     * An applicant's applications (the service narrows the list to its USCC; the portal names it too, so a page never
     * shows another's rows even from a misconfigured service), each with its current decision.
     */
    public Listing<ApplicantRow> applicantApplications(Person person, String cursor) {
        require(person, Role.APPLICANT);
        ApplicationPage page = list(person, null, null, person.actingFor(), cursor, config.pageSize());
        List<ApplicantRow> rows = new ArrayList<>();
        boolean eligibilityDown = false;
        for (ApplicationRow row : page.items()) {
            if (eligibilityDown) {
                rows.add(new ApplicantRow(row, null, true));
                continue;
            }
            try {
                rows.add(new ApplicantRow(row, decision(person, row.id()), false));
            } catch (ServiceError e) {
                if (e.status() == 404) {
                    rows.add(new ApplicantRow(row, null, false)); // not decided yet
                } else {
                    rows.add(new ApplicantRow(row, null, true));
                    eligibilityDown = !e.refused(); // one outage is enough: do not wait on it once a row
                }
            }
        }
        return new Listing<>(rows, page.nextCursor());
    }

    /** A district officer's applications: its own district, named in the query, optionally of one state. */
    public Listing<ApplicationRow> districtApplications(Person person, String status, String cursor) {
        require(person, Role.OFFICER);
        ApplicationPage page = list(person, person.district().name(), status, null, cursor, config.pageSize());
        return new Listing<>(page.items(), page.nextCursor());
    }

    /**
     * The district list of {@link #districtApplications} as CSV, every page read before a byte is written (so a
     * service's error is a page, not half a file), at most {@code susong.portal.export-max-rows} rows.
     */
    public String districtCsv(Person person, String status) {
        require(person, Role.OFFICER);
        StringBuilder csv = new StringBuilder(Csv.BOM).append(Csv.line(List.of("id", "applicantUscc", "measureCode",
                "district", "period", "status", "createdAt", "submittedAt", "proposalId")));
        String cursor = null;
        int written = 0;
        do {
            ApplicationPage page = list(person, person.district().name(), status, null, cursor, EXPORT_PAGE);
            for (ApplicationRow r : page.items()) {
                if (written == config.exportMaxRows()) {
                    return csv.append(Csv.line(List.of("# cut at " + written + " rows (susong.portal.export-max-rows)")))
                            .toString();
                }
                csv.append(Csv.line(java.util.Arrays.asList(r.id(), r.applicantUscc(), r.measureCode(), r.district(),
                        r.period(), r.status(), r.createdAt(), r.submittedAt(), r.proposalId())));
                written++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return csv.toString();
    }

    private ApplicationPage list(Person person, String district, String status, String applicant, String cursor,
                                 int limit) {
        return Calls.as("applications", person, as -> applications.list(as, district, status,
                applicant, cursor, limit));
    }

    private Decision decision(Person person, String applicationId) {
        return Calls.as("eligibility", person, as -> eligibility.decision(as, applicationId));
    }

    static void require(Person person, Role role) {
        if (person.role() != role) {
            throw new IllegalArgumentException("a page of role " + role.code() + " asked as " + person.role().code());
        }
    }
}
