package org.susong.eligibility.messaging.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.states.StoredText;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Measure;

/**
 * Wire events of the eligibility service ({@code eligibility.events}), mapped explicitly from the
 * domain. Schemas: services/event-contracts/src/main/resources/schemas/eligibility/. Optional fields
 * are absent, never null.
 */
public final class EligibilityEvents {

    public static final String SERVICE = "eligibility";
    public static final String MEASURE_PUBLISHED = EventHeaders.type(SERVICE, "MeasurePublished", 1);
    public static final String DECIDED = EventHeaders.type(SERVICE, "EligibilityDecided", 1);
    public static final String AWARD_PROPOSED = EventHeaders.type(SERVICE, "AwardProposed", 1);
    public static final String REVOCATION_REQUESTED = EventHeaders.type(SERVICE, "RevocationRequested", 1);
    public static final String CALL_OPENED = EventHeaders.type(SERVICE, "CallOpened", 1);
    public static final String CALL_CLOSED = EventHeaders.type(SERVICE, "CallClosed", 1);
    public static final String SYSTEM_ACTOR = "system;system;;";

    private EligibilityEvents() {
    }

    /** {@code susong.eligibility.MeasurePublished.v1}: a version of a measure, for other services' projections. */
    public record MeasurePublishedV1(String code, int version, String titleZh, String titleEn, String status,
                                     List<String> beneficiaryTypes, String validFrom, String validTo,
                                     List<String> requiredFacts, Long capFen, String capPeriod, String budgetLine,
                                     String disbursementMode, List<String> placeholders,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> factsSchema,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String fundCode,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String fallback,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String capYearBasis,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String capGroup,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String exclusionGroup,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String ruleKind) {
    }

    public record Explanation(String en, String zh) {
    }

    /** {@code susong.eligibility.EligibilityDecided.v1}: the decision on one application. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EligibilityDecidedV1(String decisionId, String applicationId, String applicantUscc, String measureCode,
                                       String outcome, long amountFen, String ruleVersion, int fiscalYear, String district,
                                       String disbursementMode, Explanation explanation, List<Criterion> criteria,
                                       Instant decidedAt, String proposalId, String fundCode, String fallback,
                                       String capGroup, Integer capYear, String supersedes, String appealDeadline,
                                       String beneficiaryStage, String beneficiaryField, String budgetLine,
                                       String callId) {
    }

    /**
     * {@code susong.eligibility.AwardProposed.v1}: an automatic award, to become a system-initiated application. B3b: a
     * registered contract ({@code contractId} the contract); B1 (免申即享): an enterprise on an imported certification
     * list ({@code contractId} the award's key {@code B1-<year>-<list>-<uscc>}, {@code certification} the listed entry,
     * {@code basisFen} the tier before the cap).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AwardProposedV1(String proposalId, String measureCode, String ruleVersion, String beneficiaryUscc,
                                  String beneficiaryName, String district, String contractId, String registrationNumber,
                                  long basisFen, long amountFen, int fiscalYear, Explanation explanation,
                                  Instant proposedAt, Map<String, Object> facts, Certification certification) {

        /** A contract's award (B3b): no certification. */
        public AwardProposedV1(String proposalId, String measureCode, String ruleVersion, String beneficiaryUscc,
                               String beneficiaryName, String district, String contractId, String registrationNumber,
                               long basisFen, long amountFen, int fiscalYear, Explanation explanation,
                               Instant proposedAt, Map<String, Object> facts) {
            this(proposalId, measureCode, ruleVersion, beneficiaryUscc, beneficiaryName, district, contractId,
                    registrationNumber, basisFen, amountFen, fiscalYear, explanation, proposedAt, facts, null);
        }
    }

    /** The certification-list entry a B1 award proposal was made for. */
    public record Certification(String list, int year, String certificateNumber, String kind, String importId) {
    }

    /** {@code susong.eligibility.RevocationRequested.v1}: payments is asked to recover an amount already awarded. */
    public record RevocationRequestedV1(String revocationId, String decisionId, String applicationId,
                                        String beneficiaryUscc, String measureCode, long amountFen, String reason,
                                        String cause, Instant requestedAt) {
    }

    /** A criterion of a call as published: CEL (eligibility) or a weight (scoring), with its words. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallCriterion(String name, String expr, Integer weight, String en, String zh) {
    }

    /**
     * {@code susong.eligibility.CallOpened.v1}: a call for proposals, its envelope, window, criteria and tie-break, and
     * how its awards are paid ({@code disbursementMode}, issue 19 item 4; absent from calls opened before it existed).
     */
    public record CallOpenedV1(String callId, int version, String measureCode, String ruleVersion, String titleEn,
                               String titleZh, long envelopeFen, String submissionFrom, String submissionTo,
                               List<CallCriterion> eligibilityCriteria, List<CallCriterion> scoringCriteria,
                               boolean partialAwardAllowed, long secondScorerAboveFen, String tieBreakEn,
                               String tieBreakZh, Instant openedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String disbursementMode) {
    }

    public static NewEvent callOpened(Call c, Instant openedAt, String actor) {
        var wire = new CallOpenedV1(c.callId(), c.version(), c.measureCode(), c.measureCode() + "@" + c.measureVersion(),
                c.titleEn(), c.titleZh(), c.envelopeFen(), c.submissionFrom().toString(), c.submissionTo().toString(),
                c.eligibilityCriteria().stream().map(s -> new CallCriterion(s.name(), s.expr(), null, s.en(), s.zh())).toList(),
                c.scoringCriteria().stream().map(s -> new CallCriterion(s.name(), null, s.weight(), s.en(), s.zh())).toList(),
                c.partialAwardAllowed(), c.secondScorerAboveFen(), Call.TIE_BREAK_EN, Call.TIE_BREAK_ZH, openedAt,
                StoredText.text(c.disbursementMode()));
        return NewEvent.of(CALL_OPENED, c.callId(), wire).actor(actor).correlation(c.callId())
                .ruleVersion(wire.ruleVersion()).build();
    }

/**
     * {@code susong.eligibility.CallClosed.v1} (issue 19): a call ranked and its awards decided; payments gives back
     * {@code envelopeFen - usedFen} of the envelope it reserved when the call opened. Keyed by the call id, as
     * {@code CallOpened}, so payments reads the two in order. A call cancelled before its ranking closes with
     * {@code usedFen} 0 and its {@code cancelReason} (absent otherwise).
     */
    public record CallClosedV1(String callId, String measureCode, long envelopeFen, long usedFen, int awards,
                               int applications, Instant closedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String cancelReason) {
    }

    public static NewEvent callClosed(CallClosedV1 wire, String ruleVersion, String actor) {
        return NewEvent.of(CALL_CLOSED, wire.callId(), wire).actor(actor).correlation(wire.callId()).ruleVersion(ruleVersion)
                .build();
    }

    public static NewEvent measurePublished(Measure m, String actor) {
        return NewEvent.of(MEASURE_PUBLISHED, m.code(), new MeasurePublishedV1(m.code(), m.version(), m.titleZh(), m.titleEn(),
                        m.status().name(), m.beneficiaryTypes(), m.validFrom().toString(), m.validTo().toString(),
                        m.requiredFacts(), m.capFen(), m.capPeriod(), m.budgetLine(), m.disbursementMode(), m.placeholders(),
                        m.factsSchema().isEmpty() ? null : m.factsSchema(), m.fundCode(), m.fallback(), m.capYearBasis(),
                        m.capGroup(), m.exclusionGroup(), m.rule().kind()))
                .actor(actor).correlation(m.code()).ruleVersion(m.ruleVersion()).build();
    }

    public static NewEvent decided(EligibilityDecidedV1 decided, String causation, String actor) {
        return NewEvent.of(DECIDED, decided.decisionId(), decided)
                .actor(actor).correlation(decided.applicationId()).causation(causation)
                .district(decided.district()).ruleVersion(decided.ruleVersion()).build();
    }

    public static NewEvent awardProposed(AwardProposedV1 proposal, String causation) {
        return NewEvent.of(AWARD_PROPOSED, proposal.proposalId(), proposal)
                .actor(SYSTEM_ACTOR).correlation(proposal.contractId()).causation(causation)
                .district(proposal.district()).ruleVersion(proposal.ruleVersion()).build();
    }

    public static NewEvent revocationRequested(RevocationRequestedV1 revocation, String causation, String district) {
        return NewEvent.of(REVOCATION_REQUESTED, revocation.revocationId(), revocation)
                .actor(SYSTEM_ACTOR).correlation(revocation.applicationId()).causation(causation).district(district).build();
    }
}
