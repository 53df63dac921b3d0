package org.susong.applications.domain;

import java.time.Instant;
import java.util.Map;
import org.susong.commons.ids.District;

/** What the application aggregate announces. */
public sealed interface ApplicationEvent {

    String applicationId();

    record Submitted(String applicationId, String applicantUscc, String measureCode, District district,
                     Map<String, Object> facts, Instant submittedAt) implements ApplicationEvent {
    }
}
