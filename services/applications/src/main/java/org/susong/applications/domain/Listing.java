package org.susong.applications.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.susong.commons.ids.District;

/** The shapes of the portal's list queries. */
public final class Listing {

    private Listing() {
    }

    /** The filters; null means any. {@code from}/{@code to}: creation dates (business zone), both inclusive. */
    public record Filter(District district, String status, String measureCode, String applicantUscc, Integer year,
                         LocalDate from, LocalDate to) {
    }

    /** One row of a list. */
    public record Row(String id, String applicantUscc, String measureCode, District district, String period, String status,
                      Instant createdAt, Instant submittedAt, String proposalId) {
    }

    /** How many applications of a measure are in a status. */
    public record Count(String status, String measureCode, long count) {
    }
}
