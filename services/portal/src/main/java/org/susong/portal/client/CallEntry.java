package org.susong.portal.client;

import java.math.BigDecimal;

/**
 * Eligibility's {@code EntryView} (the items of {@code GET /calls/{callId}/applications}): an application of a call,
 * its sheet's state ({@code AWAITING_SCORING}, {@code RANKING}, {@code AWARDED}), how many officers scored it of how
 * many required, its mean score (null until complete), its rank and award (null until ranked; the award of the latest
 * round).
 */
public record CallEntry(String applicationId, String applicantUscc, String district, long amountFen, String state,
                        int requiredScorers, int scorers, BigDecimal score, Integer rank, Long awardedFen) {
}
