package org.susong.portal.client;

import java.util.Map;

/**
 * An application as applications' {@code POST /applications} ({@code submitApplication}) reads it
 * ({@code ApplicationResource.SubmitApplicationRequest}): the applicant's USCC (the signed-in applicant's own, never a
 * form field), the measure, and the facts typed by the measure's schema. The period is left out (the service takes
 * the current business year), as are attachments (metadata only, not in the portal yet); {@code draft} is false.
 */
public record NewApplication(String applicantUscc, String measureCode, Map<String, Object> facts, boolean draft) {
}
