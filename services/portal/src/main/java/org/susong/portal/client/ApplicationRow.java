package org.susong.portal.client;

/**
 * One row of the applications service's portal list ({@code GET /applications}, its {@code Row} record): the fields the
 * portal shows and exports. Times stay the API's ISO-8601 text, so the CSV carries what the service said.
 */
public record ApplicationRow(String id, String applicantUscc, String measureCode, String district, String period,
                             String status, String createdAt, String submittedAt, String proposalId) {
}
