package org.susong.portal.client;

/**
 * The part of eligibility's {@code DecisionView} ({@code GET /decisions/{applicationId}}) the applicant's list shows:
 * the outcome, the amount decided and the appeal deadline. The other fields are ignored when read.
 */
public record Decision(String decisionId, String applicationId, String outcome, long amountFen, String ruleVersion,
                       String decidedAt, String appealDeadline) {
}
