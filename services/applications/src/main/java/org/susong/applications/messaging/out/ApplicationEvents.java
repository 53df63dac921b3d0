package org.susong.applications.messaging.out;

import java.time.Instant;
import java.util.Map;
import org.susong.applications.domain.ApplicationEvent;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;

/**
 * Wire events of the applications service ({@code applications.events}), mapped explicitly from
 * domain events. Schemas: services/event-contracts/src/main/resources/schemas/applications/.
 */
public final class ApplicationEvents {

    public static final String SERVICE = "applications";
    public static final String SUBMITTED = EventHeaders.type(SERVICE, "ApplicationSubmitted", 1);

    private ApplicationEvents() {
    }

    /** {@code susong.applications.ApplicationSubmitted.v1}. */
    public record ApplicationSubmittedV1(String applicationId, String applicantUscc, String measureCode, String district,
                                         Map<String, Object> facts, Instant submittedAt) {
    }

    public static NewEvent toWire(ApplicationEvent event, String actor, String causation) {
        if (event instanceof ApplicationEvent.Submitted s) {
            return NewEvent.of(SUBMITTED, s.applicationId(), new ApplicationSubmittedV1(s.applicationId(), s.applicantUscc(),
                            s.measureCode(), s.district().name(), s.facts(), s.submittedAt()))
                    .actor(actor).correlation(s.applicationId()).causation(causation).district(s.district().name())
                    .build();
        }
        throw new IllegalArgumentException("no wire mapping for " + event);
    }
}
