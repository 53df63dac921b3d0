package org.susong.applications.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.susong.commons.ids.District;

/** What the application aggregate announces. */
public sealed interface ApplicationEvent {

    String applicationId();

    record Submitted(String applicationId, String applicantUscc, String measureCode, District district, String period,
                     Map<String, Object> facts, List<Attachment> attachments, Instant submittedAt, String proposalId,
                     boolean systemInitiated, String resubmissionOf) implements ApplicationEvent {
    }

    record WithdrawalRequested(String applicationId, String applicantUscc, String decisionId, String reason,
                               String requestedBy, Instant requestedAt) implements ApplicationEvent {
    }

    record Appealed(String applicationId, String decisionId, String grounds, Instant appealedAt, List<Attachment> documents)
            implements ApplicationEvent {
    }

    record PayeeSnapshotted(String applicationId, String applicantUscc, PayeeSnapshot snapshot) implements ApplicationEvent {
    }
}
