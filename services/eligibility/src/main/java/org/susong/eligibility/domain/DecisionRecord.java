package org.susong.eligibility.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.susong.commons.ids.District;

/**
 * A decision as the store keeps it, read back (issue 21 item 3): what was decided ({@link Decision} is what is written)
 * and what happened to it since - its officers' reviews, its review state, the decision that superseded it, an
 * appeal's details. The values are those stored: {@code outcome}, {@code reviewState} and each review's verdict read from their stored texts, {@code capShares} the cap
 * ledger shares it holds (owner, key, grantedFen, ...), {@code inputs}, {@code basis} and {@code appeal} as recorded
 * (null when absent).
 *
 * @param district     the decision's district ({@link District#parse} of the stored form; null when none or unknown)
 * @param businessDate the day it was decided (yyyy-MM-dd)
 * @param judgedOn     the day its submission was judged on ({@link Decision#judgedOn})
 * @param reviews      the officers' reviews, in the order they were made
 * @param disbursementMode how it is paid as stored ({@link Decision#disbursed}; null for an unknown measure)
 */
public record DecisionRecord(String decisionId, String applicationId, String applicantUscc, District district,
                             String measureCode, Outcome outcome, long amountFen, Long proposedFen, String ruleVersion,
                             String businessDate, LocalDate judgedOn, Map<String, Object> inputs,
                             List<Criterion> criteria, String explanationEn, String explanationZh, String computationEn,
                             String computationZh, List<Map<String, Object>> capShares, Integer capYear,
                             String proposalId, String supersedes, String supersededBy, ReviewState reviewState,
                             Instant decidedAt, String appealDeadline, Decision.Notice notice,
                             Map<String, Object> appeal, Map<String, Object> basis, List<Review> reviews,
                             String sourceEventId, String sourceHash, String disbursementMode) {

    /** One officer's review of the decision: the outcome they gave and the amount they set (0 when none). */
    public record Review(Verdict outcome, long amountFen) {
    }

    /** The district's name as stored canonically (null when none). */
    public String districtName() {
        return district == null ? null : district.name();
    }
}
