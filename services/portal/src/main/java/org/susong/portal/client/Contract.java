package org.susong.portal.client;

/**
 * A technology contract as tech-contracts' {@code GET /contracts} lists it ({@code rest.ContractView}): the fields the
 * work queue shows. The schedule, attachments, refusals and amendments are ignored when read.
 */
public record Contract(String id, String registrationNumber, String status, String title, String type, Party seller,
                       Party buyer, String sellerDistrict, String signingDate, long contractAmountFen,
                       long technicalTransactionAmountFen, String submittedOn, String reviewDueOn) {

    /** {@code ContractView.PartyView}. */
    public record Party(String uscc, String name, String country) {
    }
}
