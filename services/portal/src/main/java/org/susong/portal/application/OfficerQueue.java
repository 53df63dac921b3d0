package org.susong.portal.application;

import org.susong.portal.client.Contract;
import org.susong.portal.client.Decision;
import org.susong.portal.client.OverdueContract;
import org.susong.portal.client.Payment;
import org.susong.portal.client.ServicePage;

/**
 * A district officer's work queue, the first page of each section, each read on its own (one failing leaves the
 * others): reviews to decide (eligibility), contracts to review and overdue registrations (tech-contracts), and
 * payment orders on hold, the objections to handle (payments).
 */
public record OfficerQueue(Part<ServicePage<Decision>> reviews, Part<ServicePage<Contract>> contracts,
                           Part<ServicePage<OverdueContract>> overdue, Part<ServicePage<Payment>> holds) {
}
