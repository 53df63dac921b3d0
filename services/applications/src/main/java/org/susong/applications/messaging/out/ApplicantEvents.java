package org.susong.applications.messaging.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.susong.applications.domain.ApplicantEvent;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;

/**
 * Wire events of the applicant aggregate (issue 20 item 6), on {@code applications.events} with key and
 * {@code ce_subject} = the applicant's USCC (so one applicant's changes stay in order), mapped explicitly from
 * {@link ApplicantEvent}. Schemas: services/event-contracts/src/main/resources/schemas/applications/.
 */
public final class ApplicantEvents {

    public static final String RENAMED = EventHeaders.type(ApplicationEvents.SERVICE, "ApplicantRenamed", 1);
    public static final String DISTRICT_CHANGED = EventHeaders.type(ApplicationEvents.SERVICE, "ApplicantDistrictChanged", 1);

    private ApplicantEvents() {
    }

    /** {@code susong.applications.ApplicantRenamed.v1}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicantRenamedV1(String uscc, String changeId, String previousName, String name, String reason,
                                     String evidenceRef, String proposedBy, String approvedBy, Instant effectiveAt,
                                     boolean accountReconfirmationRequired) {
    }

    /** {@code susong.applications.ApplicantDistrictChanged.v1}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicantDistrictChangedV1(String uscc, String changeId, String fromDistrict, String toDistrict,
                                             String reason, String proposedBy, String approvedBy, Instant effectiveAt) {
    }

    /** Actor: the checker who approved; correlation: the USCC; causation: the change; district: the applicant's now. */
    public static NewEvent toWire(ApplicantEvent event, String district, String actor) {
        NewEvent.Builder builder;
        if (event instanceof ApplicantEvent.Renamed r) {
            builder = NewEvent.of(RENAMED, r.uscc(), new ApplicantRenamedV1(r.uscc(), r.changeId(), r.previousName(),
                    r.name(), r.reason(), r.evidenceRef(), r.proposedBy(), r.approvedBy(), r.effectiveAt(),
                    r.accountReconfirmationRequired()));
        } else if (event instanceof ApplicantEvent.DistrictChanged d) {
            builder = NewEvent.of(DISTRICT_CHANGED, d.uscc(), new ApplicantDistrictChangedV1(d.uscc(), d.changeId(),
                    d.fromDistrict().name(), d.toDistrict().name(), d.reason(), d.proposedBy(), d.approvedBy(),
                    d.effectiveAt()));
        } else {
            throw new IllegalArgumentException("no wire mapping for " + event);
        }
        return builder.actor(actor).correlation(event.uscc()).causation(event.changeId()).district(district).build();
    }
}
