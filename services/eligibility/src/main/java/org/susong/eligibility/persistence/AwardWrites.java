package org.susong.eligibility.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.AwardState;

/**
 * The writes of a contract's automatic award (issue 21 item 3), typed: the award inserted once per contract (refused,
 * or with its first proposal and its event), a proposal claimed by the decision that finalises it, a revision
 * (revocations, withdrawals) and a top-up, each one update guarded by the award's revision and the event not applied
 * yet, so a concurrent write of another topic makes it fail and the caller reads again. Documents and guards stay
 * here; the callers pass domain values and the outbox entries {@code Outbox.entries} built, unread.
 */
@ApplicationScoped
public class AwardWrites {

    /** A proposal to write: {@code topUpOf} and {@code heldBeforeFen} for a top-up, null for the first. */
    public record NewProposal(String proposalId, int seq, AwardState state, String beneficiaryUscc, String beneficiaryName,
                              String district, String measureCode, String ruleVersion, long basisFen, long computedFen,
                              long amountFen, List<Map<String, Object>> capShares, Integer capYear, String topUpOf,
                              Long heldBeforeFen, Map<String, Object> facts, List<Criterion> criteria, String computationEn,
                              String computationZh) {
    }

    /**
     * What a revision does to one proposal: a revocation recorded (a finalised one), or a withdrawal (a proposed one,
     * {@code cancel}: marked CANCELLED), and {@code revokedFen} more revoked.
     */
    public record Revision(String seq, StoredAward.Recorded revocation, StoredAward.Recorded withdrawal, boolean cancel,
                           long revokedFen) {
    }

    private final AwardRepository awards;

    AwardWrites(AwardRepository awards) {
        this.awards = awards;
    }

    public Optional<StoredAward> find(String contractId) {
        return awards.find(contractId).map(StoredAward::of);
    }

    /**
     * Inserts an award refused for good ({@code state}, with its reason and criteria where given); false when the
     * contract has its award already.
     */
    public boolean insertRefused(String contractId, String registrationNumber, String causeEventId, Date at,
                                 List<String> appliedEvents, String state, String reason, String reasonZh,
                                 List<Criterion> criteria) {
        Document award = award(contractId, registrationNumber, causeEventId, at, appliedEvents).append("state", state);
        if (reason != null) {
            award.append("reason", reason);
        }
        if (reasonZh != null) {
            award.append("reasonZh", reasonZh);
        }
        if (criteria != null) {
            award.append("criteria", DecisionRepository.criteria(criteria));
        }
        return awards.insert(award);
    }

    /** Inserts the award with its first proposal and its events; false when the contract has its award already. */
    public boolean insertProposed(String contractId, String registrationNumber, String causeEventId, Date at,
                                  NewProposal first, List<Document> outbox) {
        Document award = award(contractId, registrationNumber, causeEventId, at, List.of(causeEventId))
                .append("state", first.state().stored()).append("proposals", new Document(String.valueOf(first.seq()), document(first)));
        award.putAll(Outbox.initialFields(outbox));
        return awards.insert(award);
    }

    /**
     * Claims proposal {@code seq} for the decision that finalises it: only while it is PROPOSED and unclaimed, or
     * claimed by that decision already (a retry).
     */
    public boolean claim(String contractId, String seq, String decisionId, String applicationId) {
        String p = "proposals." + seq;
        return awards.update(contractId, Filters.or(Filters.and(Filters.exists(p + ".decisionId", false),
                                Filters.eq(p + ".state", AwardState.PROPOSED.stored())), Filters.eq(p + ".decisionId", decisionId)),
                Updates.combine(Updates.inc("rev", 1L), Updates.set(p + ".decisionId", decisionId),
                        Updates.set(p + ".applicationId", applicationId), Updates.set(p + ".state", AwardState.FINALISED.stored()),
                        Updates.set("state", AwardState.FINALISED.stored())), List.of());
    }

    /**
     * Applies a contract event's revisions with its events, marking the event applied: guarded by the event not applied
     * yet and the revision read ({@code rev}); false when another write came in between.
     */
    public boolean revise(String contractId, String eventId, long rev, List<Revision> revisions, List<Document> outbox) {
        List<Bson> changes = new ArrayList<>();
        for (Revision r : revisions) {
            String p = "proposals." + r.seq();
            if (r.revocation() != null) {
                changes.add(Updates.push(p + ".revocations", new Document("revocationId", r.revocation().id())
                        .append("amountFen", r.revocation().amountFen()).append("cause", r.revocation().cause())));
            }
            if (r.cancel()) {
                changes.add(Updates.set(p + ".state", AwardState.CANCELLED.stored()));
            }
            if (r.withdrawal() != null) {
                changes.add(Updates.push(p + ".withdrawals", new Document("releaseId", r.withdrawal().id())
                        .append("amountFen", r.withdrawal().amountFen()).append("cause", r.withdrawal().cause())));
            }
            changes.add(Updates.inc(p + ".revokedFen", r.revokedFen()));
        }
        changes.add(Updates.push("appliedEvents", eventId));
        changes.add(Updates.inc("rev", 1L));
        return awards.update(contractId, Filters.and(Filters.ne("appliedEvents", eventId), Filters.eq("rev", rev)),
                Updates.combine(changes), outbox);
    }

    /** Marks a contract event applied that changes nothing (once; {@code bumpRev}: moving the revision too). */
    public boolean markApplied(String contractId, String eventId, boolean bumpRev) {
        Bson applied = Updates.push("appliedEvents", eventId);
        return awards.update(contractId, Filters.ne("appliedEvents", eventId),
                bumpRev ? Updates.combine(applied, Updates.inc("rev", 1L)) : applied, List.of());
    }

    /** Reserves proposal {@code seq} for the top-up of amendment {@code eventId}, guarded by {@code rev}. */
    public boolean reserveTopUp(String contractId, long rev, String eventId, int seq) {
        return awards.update(contractId, Filters.and(Filters.eq("rev", rev), Filters.ne("appliedEvents", eventId)),
                Updates.combine(Updates.set("topUps." + eventId, seq), Updates.inc("rev", 1L)), List.of());
    }

    /**
     * Writes the top-up proposal reserved for {@code eventId} with its events, marking the event applied: guarded by
     * {@code rev}, the event not applied yet and the reservation still {@code proposal.seq}.
     */
    public boolean addTopUp(String contractId, long rev, String eventId, NewProposal proposal, List<Document> outbox) {
        return awards.update(contractId, Filters.and(Filters.eq("rev", rev), Filters.ne("appliedEvents", eventId),
                        Filters.eq("topUps." + eventId, proposal.seq())),
                Updates.combine(Updates.set("proposals." + proposal.seq(), document(proposal)),
                        Updates.push("appliedEvents", eventId), Updates.inc("rev", 1L)), outbox);
    }

    private static Document award(String contractId, String registrationNumber, String causeEventId, Date at,
                                  List<String> appliedEvents) {
        return new Document("_id", contractId).append("registrationNumber", registrationNumber)
                .append("causeEventId", causeEventId).append("at", at).append("appliedEvents", appliedEvents)
                .append("rev", 0L);
    }

    private static Document document(NewProposal p) {
        Document proposal = new Document("proposalId", p.proposalId()).append("seq", p.seq()).append("state", p.state().stored())
                .append("beneficiaryUscc", p.beneficiaryUscc()).append("beneficiaryName", p.beneficiaryName())
                .append("district", p.district()).append("measureCode", p.measureCode())
                .append("ruleVersion", p.ruleVersion()).append("basisFen", p.basisFen())
                .append("computedFen", p.computedFen()).append("amountFen", p.amountFen()).append("revokedFen", 0L)
                .append("capShares", p.capShares()).append("capYear", p.capYear());
        if (p.topUpOf() != null) {
            proposal.append("topUpOf", p.topUpOf()).append("heldBeforeFen", p.heldBeforeFen());
        }
        return proposal.append("facts", new Document(p.facts())).append("criteria", DecisionRepository.criteria(p.criteria()))
                .append("computationEn", p.computationEn()).append("computationZh", p.computationZh());
    }
}
