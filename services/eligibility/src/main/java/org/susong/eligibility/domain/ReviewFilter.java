package org.susong.eligibility.domain;

import java.time.LocalDate;
import java.util.Optional;
import org.susong.commons.ids.District;

/**
 * Which open reviews to list; empty means any. {@code from}/{@code to} are decision dates (business zone),
 * both inclusive; {@code applicantUscc} is upper case.
 */
public record ReviewFilter(Optional<District> district, Optional<String> measureCode, Optional<String> applicantUscc,
                           Optional<LocalDate> from, Optional<LocalDate> to) {

    /** The same filter pinned to one district (a district officer's own). */
    public ReviewFilter in(District own) {
        return new ReviewFilter(Optional.of(own), measureCode, applicantUscc, from, to);
    }
}
