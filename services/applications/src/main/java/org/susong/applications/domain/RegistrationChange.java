package org.susong.applications.domain;

import java.time.Instant;
import org.susong.commons.ids.District;

/**
 * A change of an applicant's registered name or district under maker-checker (issue 20 item 6): one officer or
 * administrator proposes it with a reason (and, for a name, the reference of the evidence: the market regulator's
 * notice), a different person approves it. Exactly one of {@code name} and {@code district} is given.
 * {@code proposedByUser} is the maker's principal id, compared whole with the checker's.
 */
public record RegistrationChange(String id, String name, District district, String reason, String evidenceRef,
                                 String proposedBy, String proposedByUser, Instant proposedAt) {

    public boolean renames() {
        return name != null;
    }
}
