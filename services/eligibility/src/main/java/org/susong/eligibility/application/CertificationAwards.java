package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.money.Money;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.BeneficiaryKinds;
import org.susong.eligibility.domain.CertificationList;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Readings;
import org.susong.eligibility.domain.MeasureStatus;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.AwardRepository;
import org.susong.eligibility.persistence.CertificationAwardRepository;
import org.susong.eligibility.persistence.CertificationListRepository.Entry;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.domain.AwardState;

/**
 * Automatic B1 awards for the enterprises on an imported certification list, without an application (免申即享), along
 * the B3b path: the amount is computed under the current B1 version on the listed certificate, the certificate's cap
 * (one award per category and certificate, whoever asks and however) is consumed intent first under the proposal id,
 * and {@code AwardProposed} is published from the award document, one per (list, year, enterprise): {@code _id}
 * {@code B1-<year>-<list short code>-<uscc>}, inserted once, so a list imported again awards nobody twice. The
 * applications service turns the proposal into a system-initiated application (holding it until the enterprise has
 * registered with an effective bank account), whose decision finalises it ({@link AwardService#finalise}) with the
 * proposal's amount, never capped a second time; payments pays it.
 */
@ApplicationScoped
public class CertificationAwards {

    public static final String MEASURE = "B1";

    /**
     * What became of one listed enterprise: PROPOSED, ALREADY_PROPOSED, NOT_ELIGIBLE or CAP_EXHAUSTED, and why;
     * {@code proposed} whether this import proposed an award now.
     */
    public record Outcome(String state, String proposalId, Long amountFen, String reason, String reasonZh,
                          boolean proposed) {
    }

    private final CertificationAwardRepository awards;
    private final CatalogueService catalogue;
    private final FactsValidator factsValidator;
    private final LedgerService ledger;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final EligibilityConfig config;

    CertificationAwards(CertificationAwardRepository awards, CatalogueService catalogue, FactsValidator factsValidator,
                        LedgerService ledger, OutboxRelay relay, ObjectMapper json, Clock clock, EligibilityConfig config) {
        this.awards = awards;
        this.catalogue = catalogue;
        this.factsValidator = factsValidator;
        this.ledger = ledger;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** The award document's id of a listed enterprise: at most 30 characters (the event's contractId takes 35). */
    public static String awardId(CertificationList list, int year, String uscc) {
        return MEASURE + "-" + year + "-" + list.shortCode() + "-" + uscc;
    }

    /** Proposes the award of one listed enterprise, once; a second call reports what the first did. */
    public Outcome propose(Entry entry) {
        CertificationList list = CertificationList.of(entry.list()).orElseThrow();
        String awardId = awardId(list, entry.year(), entry.uscc());
        String proposalId = DecisionIds.proposal(awardId, 1);
        Optional<CertificationAwardRepository.Handled> existing = awards.find(awardId);
        if (existing.isPresent()) {
            return already(existing.get(), proposalId);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Measure measure = catalogue.find(MEASURE).orElse(null);
        if (measure == null || measure.status() != MeasureStatus.OPEN || !measure.validOn(today)) {
            // nothing stored: a list imported again once B1 is open awards it
            return new Outcome("NOT_ELIGIBLE", null, null, "B1 is not open on " + today, "B1 措施在 " + today + " 不受理", false);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("category", list.name());
        facts.put("certificateNumber", entry.certificateNumber());
        facts.put("certificationYear", entry.year());
        facts.put("certificationKind", entry.kind());
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(CertificationList.check(facts, entry.uscc(), Optional.of(new CertificationList.Listed(
                entry.certificateNumber(), entry.certificateKey(), entry.kind(), entry.importId()))));
        // B1 给予……企业: only an enterprise by its unified social credit code
        Optional<Criterion> type = BeneficiaryKinds.criterion(measure, entry.uscc());
        type.ifPresent(criteria::add);
        if (type.isPresent() && !type.get().passed()) {
            return notEligible(awardId, list, entry, now, criteria, type.get().en(), type.get().zh());
        }
        List<String> violations = factsValidator.violations(measure.ruleVersion(), measure.factsSchema(), facts);
        if (!violations.isEmpty()) {
            violations.forEach(v -> criteria.add(new Criterion("facts", false, v, "名单事实不符合要求：" + v)));
            return notEligible(awardId, list, entry, now, criteria, "the listed certificate does not meet B1's facts: " + violations,
                    "名单所载证书不符合 B1 的要求");
        }
        CompiledRule rule = catalogue.compiled(measure);
        CompiledRule.Result result = rule.evaluate(facts, today);
        criteria.addAll(result.criteria());
        if (!result.passed() || result.amountFen() == null || result.amountFen() <= 0) {
            String failed = String.join("; ", result.criteria().stream().filter(c -> !c.passed()).map(Criterion::en).toList());
            String failedZh = String.join("；", result.criteria().stream().filter(c -> !c.passed()).map(Criterion::zh).toList());
            return notEligible(awardId, list, entry, now, criteria, failed.isEmpty() ? "no amount under " + measure.ruleVersion() : failed,
                    failedZh.isEmpty() ? "无奖励金额" : failedZh);
        }
        if (result.amountFen() > config.autoApproveMaxFen()) {
            // never paid without the officer an application above the limit would need
            String en = "the amount " + Money.ofFen(result.amountFen()) + " is above the automatic approval limit "
                    + Money.ofFen(config.autoApproveMaxFen()) + ": not awarded automatically; an application is confirmed by an officer";
            criteria.add(new Criterion("automaticApprovalLimit", false, en, "金额超过自动审批上限，不自动奖励，需申请并人工审核"));
            return notEligible(awardId, list, entry, now, criteria, en, "金额超过自动审批上限，不自动奖励");
        }
        LedgerService.Limited limited = ledger.limit(proposalId, null, measure, entry.uscc(), facts, today,
                rule.capKey(facts, today), null, result.amountFen());
        long amount = limited.grantedFen();
        criteria.addAll(limited.criteria());
        int fiscalYear = limited.capYear() != null ? limited.capYear() : today.getYear();
        AwardState state = amount > 0 ? AwardState.PROPOSED : AwardState.CAP_EXHAUSTED;
        String en = "免申即享 (awarded without an application): certificate " + entry.certificateNumber() + " is on the "
                + entry.year() + " list of " + list.en() + "; " + result.computationEn();
        String zh = "免申即享：证书 " + entry.certificateNumber() + " 在 " + entry.year() + " 年" + list.zh() + "名单中；"
                + result.computationZh();
        CertificationAwardRepository.Proposal proposal = new CertificationAwardRepository.Proposal(proposalId, state,
                entry.uscc(), entry.name(), MEASURE, measure.ruleVersion(), result.amountFen(), amount, limited.shares(),
                fiscalYear, facts, criteria, en, zh);
        List<NewEvent> events = new ArrayList<>();
        if (amount > 0) {
            events.add(EligibilityEvents.awardProposed(new EligibilityEvents.AwardProposedV1(proposalId, MEASURE,
                    measure.ruleVersion(), entry.uscc(), entry.name(), null, awardId, null, result.amountFen(), amount,
                    fiscalYear, explanation(measure, criteria, en, zh), now, facts,
                    new EligibilityEvents.Certification(list.name(), entry.year(), entry.certificateNumber(), entry.kind(),
                            entry.importId())), entry.importId()));
        }
        if (!awards.insertProposed(awardId, list.name(), entry, now, proposal, Outbox.entries(json, 0, events, now))) {
            // another import of the same list got there first: its award stands
            return already(awards.find(awardId).orElseThrow(), proposalId);
        }
        if (!events.isEmpty()) {
            relay.publishSoon(AwardRepository.COLLECTION, awardId);
        }
        boolean proposed = state == AwardState.PROPOSED;
        return amount > 0 ? new Outcome(state.stored(), proposalId, amount, en, zh, proposed)
                : new Outcome(state.stored(), proposalId, 0L, String.join("; ", limited.criteria().stream().map(Criterion::en).toList()),
                String.join("；", limited.criteria().stream().map(Criterion::zh).toList()), proposed);
    }

    private Outcome notEligible(String awardId, CertificationList list, Entry entry, Instant at, List<Criterion> criteria,
                                String en, String zh) {
        awards.insertNotEligible(awardId, list.name(), entry, at, criteria, en, zh);
        return new Outcome("NOT_ELIGIBLE", null, null, en, zh, false);
    }

    private static Outcome already(CertificationAwardRepository.Handled award, String proposalId) {
        String was = award.state();
        return new Outcome("ALREADY_" + was, award.proposedFen() == null ? null : proposalId, award.proposedFen(),
                "already handled by an earlier import (" + award.causeEventId() + "): " + was
                        + (award.reason() == null ? "" : ", " + award.reason()),
                "已由此前的导入处理（" + award.causeEventId() + "）", false);
    }

    /** The proposal's words with the readings its conditions rest on (issue 16 item 7). */
    private static EligibilityEvents.Explanation explanation(Measure measure, List<Criterion> criteria, String en,
                                                             String zh) {
        Readings.Words words = Readings.proposal(measure, criteria, en, zh);
        return new EligibilityEvents.Explanation(words.en(), words.zh());
    }
}
