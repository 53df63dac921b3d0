package org.susong.portal.client;

/**
 * A registration review past its due date, as tech-contracts' {@code GET /contracts/overdue} lists it
 * ({@code ContractResource.OverdueView}): a submission, or an amendment ({@code amendmentNumber}) of a registered one.
 */
public record OverdueContract(String id, String status, String title, String sellerDistrict, String submittedOn,
                              String reviewDueOn, long daysOverdue, Integer amendmentNumber) {
}
