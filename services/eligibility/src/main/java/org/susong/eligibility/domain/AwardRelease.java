package org.susong.eligibility.domain;

import java.util.Optional;
import org.susong.commons.states.StoredText;

/**
 * Why payments released a call's award before paying it, when that hands its share of the envelope to the next in rank
 * (issue 19 item 3; payments' {@code BudgetReleased.reason}): an objection upheld in the award's public notice (公示异议成立)
 * or the applicant's withdrawal. Every other reason (a recovery after payment, a superseded order, a lapsed waitlist, a
 * rejected conversion or appeal) starts no round.
 */
public enum AwardRelease implements StoredText {
    OBJECTION_UPHELD("an objection upheld in its public notice", "公示异议成立"),
    WITHDRAWN("withdrawn by the applicant", "申请人撤回");

    private final String en;
    private final String zh;

    AwardRelease(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    public String en() {
        return en;
    }

    public String zh() {
        return zh;
    }

    /** The release reason of a payments text, empty for a reason that starts no round. */
    public static Optional<AwardRelease> of(String reason) {
        return StoredText.find(AwardRelease.class, reason);
    }
}
