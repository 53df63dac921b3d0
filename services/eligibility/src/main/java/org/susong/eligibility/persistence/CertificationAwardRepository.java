package org.susong.eligibility.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.messaging.Outbox;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.AwardState;

/**
 * The award documents of certification-list awards (免申即享, issue 16 item 3) in {@link AwardRepository#COLLECTION}: one
 * per (list, year, enterprise), inserted once with what the import decided - not eligible, with its reasons and
 * criteria, or its first proposal ({@code proposals.1}) and {@code AwardProposed} in its outbox in the same insert.
 * The award's later life (finalisation, revocation) is {@code AwardService}'s, on the same document.
 */
@ApplicationScoped
public class CertificationAwardRepository {

    private final AwardRepository awards;

    CertificationAwardRepository(AwardRepository awards) {
        this.awards = awards;
    }

    /**
     * What an earlier import did with a listed enterprise's award: its {@code state}, the amount of its first proposal
     * (null without one), the import that caused it and, when not eligible, why.
     */
    public record Handled(String state, Long proposedFen, String causeEventId, String reason) {
    }

    public Optional<Handled> find(String awardId) {
        return awards.find(awardId).map(award -> {
            Document proposals = award.get("proposals", Document.class);
            Document first = proposals == null ? null : proposals.get("1", Document.class);
            return new Handled(award.getString("state"), first == null ? null : first.get("amountFen", Number.class)
                    .longValue(), award.getString("causeEventId"), award.getString("reason"));
        });
    }

    /**
     * The first proposal of an award: its id and state (PROPOSED, CAP_EXHAUSTED), the beneficiary, the measure version,
     * the amount before ({@code computedFen}) and after the caps, the cap shares it took (as the ledger states them),
     * its cap year, facts, criteria and computation.
     */
    public record Proposal(String proposalId, AwardState state, String beneficiaryUscc, String beneficiaryName,
                           String measureCode, String ruleVersion, long computedFen, long amountFen,
                           List<Map<String, Object>> capShares, int capYear, Map<String, Object> facts, List<Criterion> criteria,
                           String computationEn, String computationZh) {
    }

    /**
     * Inserts the award of a listed enterprise not eligible (nothing proposed); false when an award of that id exists
     * already (another import got there first).
     */
    public boolean insertNotEligible(String awardId, String list, CertificationListRepository.Entry entry, Instant at,
                                     List<Criterion> criteria, String reason, String reasonZh) {
        return awards.insert(award(awardId, list, entry, at).append("state", "NOT_ELIGIBLE").append("reason", reason)
                .append("reasonZh", reasonZh).append("criteria", DecisionRepository.criteria(criteria)));
    }

    /**
     * Inserts the award of a listed enterprise with its first proposal and, in the same insert, the events in its
     * outbox (built by {@link Outbox#entries}); false when an award of that id exists already.
     */
    public boolean insertProposed(String awardId, String list, CertificationListRepository.Entry entry, Instant at,
                                  Proposal p, List<Document> outbox) {
        Document proposal = new Document("proposalId", p.proposalId()).append("seq", 1).append("state", p.state().stored())
                .append("beneficiaryUscc", p.beneficiaryUscc()).append("beneficiaryName", p.beneficiaryName())
                .append("measureCode", p.measureCode()).append("ruleVersion", p.ruleVersion())
                .append("basisFen", p.computedFen()).append("computedFen", p.computedFen())
                .append("amountFen", p.amountFen()).append("revokedFen", 0L).append("capShares", p.capShares())
                .append("capYear", p.capYear()).append("facts", new Document(p.facts()))
                .append("criteria", DecisionRepository.criteria(p.criteria())).append("computationEn", p.computationEn())
                .append("computationZh", p.computationZh());
        Document award = award(awardId, list, entry, at).append("state", p.state().stored())
                .append("proposals", new Document("1", proposal));
        award.putAll(Outbox.initialFields(outbox));
        return awards.insert(award);
    }

    private static Document award(String awardId, String list, CertificationListRepository.Entry entry, Instant at) {
        return new Document("_id", awardId).append("causeEventId", entry.importId()).append("at", Date.from(at))
                .append("appliedEvents", List.of(entry.importId())).append("rev", 0L)
                .append("certification", new Document("list", list).append("year", entry.year())
                        .append("uscc", entry.uscc()).append("certificateNumber", entry.certificateNumber())
                        .append("kind", entry.kind()).append("importId", entry.importId()));
    }
}
