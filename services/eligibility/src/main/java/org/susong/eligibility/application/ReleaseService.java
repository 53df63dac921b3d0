package org.susong.eligibility.application;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.susong.eligibility.persistence.DecisionRepository;

/**
 * Gives a decision's cap shares back when the money does not flow after all (payments'
 * {@code BudgetReleased}: withdrawal, upheld objection, waitlist lapse, rejected conversion,
 * rejected appeal, recovery). Idempotent: a share already given back is gone from the ledger.
 */
@ApplicationScoped
public class ReleaseService {

    private static final Logger LOG = Logger.getLogger(ReleaseService.class);

    private final DecisionRepository decisions;
    private final LedgerService ledger;

    ReleaseService(DecisionRepository decisions, LedgerService ledger) {
        this.decisions = decisions;
        this.ledger = ledger;
    }

    /** Returns the amount given back to the caps (0 when nothing was held or it was given back before). */
    public long released(String decisionId, String reason, String eventId) {
        Document decision = decisions.find(decisionId).orElse(null);
        if (decision == null) {
            LOG.infof("budget released for unknown decision %s (event %s): nothing held here", decisionId, eventId);
            return 0;
        }
        long total = 0;
        for (Document share : decision.getList("capShares", Document.class, List.of())) {
            total += ledger.release(share.getString("ledgerKey"), share.getString("owner"));
        }
        decisions.update(decisionId, Filters.exists("capReleased", false), Updates.set("capReleased",
                new Document("reason", reason).append("eventId", eventId)), List.of());
        return total;
    }
}
