package org.susong.eligibility.persistence;

import static org.susong.eligibility.persistence.StoredValues.criteria;
import static org.susong.eligibility.persistence.StoredValues.fen;
import static org.susong.eligibility.persistence.StoredValues.fenOrNull;
import static org.susong.eligibility.persistence.StoredValues.intOrNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.susong.commons.messaging.Outbox;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.AwardState;

/**
 * An automatic award as stored (issue 21 item 3: what the application layer reads instead of the document): its
 * revision, the contract events applied to it, the top-ups reserved per amendment event ({@code topUps}), its proposals
 * in seq order (1, 2, ... 10: numerically), and the sequence of its outbox. {@code proposed}: false while it holds no
 * proposals (a registration refused for good).
 */
public record StoredAward(String contractId, long rev, List<String> appliedEvents, Map<String, Integer> topUps,
                          boolean proposed, List<Proposal> proposals, long lastSequence) {

    /** A revocation ({@code revocationId}) or withdrawal ({@code releaseId}) recorded on a proposal, with its cause. */
    public record Recorded(String id, long amountFen, String cause) {
    }

    /**
     * A proposal ({@code proposals.<seq>}): {@code seq} its key; {@code basisFen} null when not stored; the decision
     * that finalised it and its application, null until then; {@code facts} and {@code capShares} as stored.
     */
    public record Proposal(String seq, String seqField, String proposalId, AwardState state, String beneficiaryUscc,
                           String beneficiaryName, String district, String measureCode, String ruleVersion, Long basisFen,
                           long amountFen, long revokedFen, String decisionId, String applicationId,
                           List<Map<String, Object>> capShares, Integer capYear, Map<String, Object> facts,
                           List<Criterion> criteria, String computationEn, String computationZh,
                           List<Recorded> revocations, List<Recorded> withdrawals) {

        /** What it still holds: its amount less what was revoked or withdrawn. */
        public long heldFen() {
            return amountFen - revokedFen;
        }
    }

    /** The first proposal (seq 1): the rule version, facts and beneficiary every top-up of the award keeps. */
    public Proposal first() {
        return proposals.get(0);
    }

    /** The proposal {@code proposalId}, null when the award has none such. */
    public Proposal proposal(String proposalId) {
        return proposals.stream().filter(p -> proposalId.equals(p.proposalId())).findFirst().orElse(null);
    }

    /** What the award's proposals still hold in all (amount less revoked or withdrawn, never below 0 each). */
    public long heldFen() {
        return proposals.stream().mapToLong(p -> Math.max(0, p.heldFen())).sum();
    }

    @SuppressWarnings("unchecked")
    public static StoredAward of(Document d) {
        Document stored = d.get("proposals", Document.class);
        List<Proposal> proposals = new ArrayList<>();
        if (stored != null) {
            stored.forEach((seq, value) -> proposals.add(proposal(seq, (Document) value)));
            proposals.sort(Comparator.comparingInt(p -> Integer.parseInt(p.seq())));
        }
        Map<String, Integer> topUps = new LinkedHashMap<>();
        Document reserved = d.get("topUps", Document.class);
        if (reserved != null) {
            reserved.forEach((event, seq) -> topUps.put(event, ((Number) seq).intValue()));
        }
        return new StoredAward(d.getString("_id"), StoredValues.required(d, "rev"),
                d.getList("appliedEvents", String.class, List.of()), topUps, stored != null, proposals,
                Outbox.lastSequence(d));
    }

    @SuppressWarnings("unchecked")
    private static Proposal proposal(String seq, Document p) {
        return new Proposal(seq, String.valueOf(p.get("seq")), p.getString("proposalId"), AwardState.of(p.getString("state")),
                p.getString("beneficiaryUscc"), p.getString("beneficiaryName"), p.getString("district"),
                p.getString("measureCode"), p.getString("ruleVersion"), fenOrNull(p, "basisFen"),
                StoredValues.required(p, "amountFen"), StoredValues.required(p, "revokedFen"), p.getString("decisionId"), p.getString("applicationId"),
                (List<Map<String, Object>>) (List<?>) p.getList("capShares", Document.class, List.of()),
                intOrNull(p, "capYear"), (Map<String, Object>) (Map<?, ?>) p.get("facts", Document.class),
                criteria(p),
                p.getString("computationEn"), p.getString("computationZh"),
                recorded(p, "revocations", "revocationId"), recorded(p, "withdrawals", "releaseId"));
    }

    private static List<Recorded> recorded(Document p, String field, String idField) {
        return p.getList(field, Document.class, List.of()).stream()
                .map(r -> new Recorded(r.getString(idField), StoredValues.required(r, "amountFen"), r.getString("cause"))).toList();
    }
}
