package org.susong.portal.application;

import org.susong.portal.client.ApplicationDetail;
import org.susong.portal.client.Decision;
import org.susong.portal.client.MeasureVersion;
import org.susong.portal.client.Payment;
import org.susong.portal.client.ServicePage;

/**
 * An application's page: the application with its timeline (applications), its current decision (eligibility; none
 * yet when {@code decision} holds neither value nor error), the measure version the decision pins, for its
 * placeholders (eligibility; none without a decision), and its payment orders (payments). Each part but the
 * application can fail on its own.
 */
public record ApplicationCase(ApplicationDetail application, Part<Decision> decision, Part<MeasureVersion> measure,
                              Part<ServicePage<Payment>> payments) {
}
