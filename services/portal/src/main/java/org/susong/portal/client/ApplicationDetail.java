package org.susong.portal.client;

import java.util.List;

/**
 * One application as applications' {@code GET /applications/{id}} answers it ({@code ApplicationResource.ApplicationView}):
 * the fields the application's page shows, with its timeline. The facts, attachments and payee snapshots are ignored
 * when read (not shown yet). Times stay the API's ISO-8601 text.
 */
public record ApplicationDetail(String id, String applicantUscc, String measureCode, String district, String period,
                                String status, boolean withdrawalPending, String createdAt, String submittedAt,
                                String proposalId, boolean systemInitiated, List<TimelineEntry> timeline,
                                String resubmissionOf, String resubmittedAs) {

    public ApplicationDetail {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /**
     * One fact of the timeline ({@code ApplicationResource.TimelineEntry}): when, what ({@code kind}, e.g.
     * {@code DECIDED_APPROVED}), the state it established (null for a fact that only informs), who, the event's id
     * ({@code cause}), a line for people, the appeal round and the decision it names.
     */
    public record TimelineEntry(String at, String kind, String status, String actor, String cause, String detail,
                                int round, String decisionId) {
    }
}
