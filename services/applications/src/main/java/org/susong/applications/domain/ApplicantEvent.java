package org.susong.applications.domain;

import java.time.Instant;
import org.susong.commons.ids.District;

/** What the applicant aggregate announces (issue 20 item 6): its approved registration changes. */
public sealed interface ApplicantEvent {

    String uscc();

    String changeId();

    /** The registered name changed; {@code accountReconfirmationRequired}: the account in effect is under another name. */
    record Renamed(String uscc, String changeId, String previousName, String name, String reason, String evidenceRef,
                   String proposedBy, String approvedBy, Instant effectiveAt, boolean accountReconfirmationRequired)
            implements ApplicantEvent {
    }

    /** The applicant moved to another district; its open applications follow it. */
    record DistrictChanged(String uscc, String changeId, District fromDistrict, District toDistrict, String reason,
                           String proposedBy, String approvedBy, Instant effectiveAt) implements ApplicantEvent {
    }
}
