package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;
import org.susong.eligibility.domain.Award;
import org.susong.eligibility.persistence.DecisionStates;
import org.susong.eligibility.persistence.StoredDecision;

/**
 * Gives a decision's cap shares back when the money does not flow after all (payments'
 * {@code BudgetReleased}: withdrawal, upheld objection, waitlist lapse, rejected conversion,
 * rejected appeal, recovery; not for an order an approved appeal superseded). Idempotent: a share
 * already given back is gone from the ledger.
 */
@ApplicationScoped
public class ReleaseService {

    private static final Logger LOG = Logger.getLogger(ReleaseService.class);
    /** Payments' release reason for the order an approved re-decision on appeal replaced. */
    static final String SUPERSEDED = "SUPERSEDED";

    private final DecisionStates decisions;
    private final LedgerService ledger;

    ReleaseService(DecisionStates decisions, LedgerService ledger) {
        this.decisions = decisions;
        this.ledger = ledger;
    }

    /**
     * A partial release (payments' {@code remainingFen} present: a partial revocation of an unpaid order): only
     * the released part of each cap share goes back, once per revocation id — the same id the revocation used
     * when eligibility gave the part back itself, so it is never given back twice. The rest of the share stays
     * consumed: that money is still to be paid.
     *
     * @return the amount asked back from the caps
     */
    public long releasedPart(String decisionId, long amountFen, String revocationId, String eventId) {
        StoredDecision decision = held(decisionId, eventId);
        if (decision == null) {
            return 0;
        }
        return ledger.giveBackCaps(decision.capShares(), amountFen,
                revocationId != null ? revocationId : "REL:" + eventId);
    }

    /**
     * Returns the amount given back to the caps (0 when nothing was held or it was given back before). A release
     * for {@value #SUPERSEDED} is accepted and gives nothing back: payments replaced the order of a decision an
     * appeal approved again, and the re-decision inherited that decision's cap shares (the same ledger keys).
     */
    public long released(String decisionId, String reason, String eventId) {
        if (SUPERSEDED.equals(reason)) {
            LOG.infof("order of decision %s released as superseded (event %s): its re-decision holds the cap", decisionId,
                    eventId);
            return 0;
        }
        StoredDecision decision = held(decisionId, eventId);
        if (decision == null) {
            return 0;
        }
        long total = 0;
        for (Map<String, Object> stored : decision.capShares()) {
            Award share = Award.of(stored);
            total += ledger.release(share.ledgerKey(), share.owner());
        }
        decisions.capReleased(decisionId, reason, eventId);
        return total;
    }

    private StoredDecision held(String decisionId, String eventId) {
        StoredDecision decision = decisions.find(decisionId).orElse(null);
        if (decision == null) {
            LOG.infof("budget released for unknown decision %s (event %s): nothing held here", decisionId, eventId);
        }
        return decision;
    }
}
