package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;
import org.susong.applications.domain.Listing;
import org.susong.applications.domain.UsccText;
import org.susong.applications.persistence.ApplicationListing;
import org.susong.commons.ids.District;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.rest.Page;
import org.susong.commons.security.Principal;

/**
 * The portal's list queries. The scope comes from the principal, never from a parameter: a
 * district officer's queries are pinned to the officer's district, an applicant's to its own USCC.
 */
@ApplicationScoped
public class ApplicationQueries {

    private final ApplicationListing listing;

    ApplicationQueries(ApplicationListing listing) {
        this.listing = listing;
    }

    public Page<Listing.Row> page(Principal principal, Listing.Filter requested, String cursor, int limit) {
        return listing.page(scoped(principal, requested), cursor, limit);
    }

    public List<Listing.Count> counts(Principal principal, Listing.Filter requested) {
        return listing.counts(scoped(principal, requested));
    }

    public void export(Principal principal, Listing.Filter requested, Consumer<Listing.Row> rows) {
        listing.each(scoped(principal, requested), rows);
    }

    /** Throws the 403 a filter outside the principal's scope gets. */
    public void checkScope(Principal principal, Listing.Filter requested) {
        scoped(principal, requested);
    }

    /**
     * The filter narrowed to what the principal may see, in the query itself (never after paging): auditors
     * and admins see the city, a district officer its district, an applicant its own USCC, anyone else
     * nothing. Asking for more is refused (403 naming the filter), not silently narrowed.
     */
    static Listing.Filter scoped(Principal principal, Listing.Filter f) {
        District district = f.district();
        String applicant = f.applicantUscc();
        if (principal.hasAnyRole(Principal.AUDITOR, Principal.ADMIN)) {
            return f;
        }
        if (principal.hasRole(Principal.OFFICER)) {
            District own = principal.district().flatMap(District::parse).orElseThrow(() -> new ProblemException(403,
                    "Forbidden", "an officer's token names no known district ('" + principal.district().orElse("")
                    + "')", "district"));
            if (district != null && district != own) {
                throw new ProblemException(403, "Forbidden", "a " + own.english() + " officer sees only "
                        + own.english() + " applications", "district");
            }
            district = own;
        } else if (principal.hasRole(Principal.APPLICANT)) {
            String own = principal.actingFor().orElseThrow(() -> new ProblemException(403, "Forbidden",
                    "an applicant principal must act for an enterprise", null));
            if (applicant != null && !principal.actsFor(applicant)) {
                throw new ProblemException(403, "Forbidden", "an applicant sees only its own applications", "applicant");
            }
            applicant = UsccText.canonical(own);
        } else {
            throw new ProblemException(403, "Forbidden", "this role sees no applications", null);
        }
        return new Listing.Filter(district, f.status(), f.measureCode(), applicant, f.year(), f.from(), f.to());
    }
}
