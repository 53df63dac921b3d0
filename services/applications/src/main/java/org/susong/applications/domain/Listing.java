package org.susong.applications.domain;

import java.time.Instant;
import java.util.List;
import org.susong.commons.ids.District;

/** The shapes of the portal's list queries. */
public final class Listing {

    private Listing() {
    }

    /** The filters; null means any. */
    public record Filter(District district, String status, String measureCode, String applicantUscc, Integer year) {
    }

    /** One row of a list. */
    public record Row(String id, String applicantUscc, String measureCode, String district, String period, String status,
                      Instant createdAt, Instant submittedAt, String proposalId) {
    }

    /** A page and the cursor of the next one (null on the last page). */
    public record Page(List<Row> rows, String nextCursor) {
    }

    /** How many applications of a measure are in a status. */
    public record Count(String status, String measureCode, long count) {
    }
}
