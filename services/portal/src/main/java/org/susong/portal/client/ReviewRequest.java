package org.susong.portal.client;

/**
 * An officer's review decision as eligibility's {@code POST /reviews/{decisionId}/decision} reads it
 * ({@code ReviewResource.ReviewRequest}): APPROVED, REJECTED or (an appeal's decision) UPHELD, the amount in fen
 * (null: the computed one), and the reason the applicant reads.
 */
public record ReviewRequest(String outcome, Long amountFen, String reason) {
}
