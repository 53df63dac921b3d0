package org.susong.eligibility.application;

import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.susong.commons.audit.AuditReport;
import org.susong.commons.audit.ServiceAudit;
import org.susong.commons.audit.AuditReport.Checker;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.persistence.AuditReads;
import org.susong.eligibility.domain.IntentState;

/**
 * The eligibility part of the audit (issue 12), read-only over its own store: no cap ledger above its
 * limit, each cap's used amount equal to the shares its consumers hold, no cap intent left PENDING
 * past the resumer, and the open reviews (waiting for an officer).
 */
@ApplicationScoped
public class EligibilityAudit implements ServiceAudit {

    /** The age after which {@link LedgerService}'s resumer takes a PENDING cap intent over. */
    static final Duration RESUME_AFTER = Duration.ofSeconds(60);

    private final AuditReads reads;
    private final EligibilityConfig config;
    private final Clock clock;

    EligibilityAudit(AuditReads reads, EligibilityConfig config, Clock clock) {
        this.reads = reads;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public AuditReport report() {
        Instant now = clock.instant();
        List<AuditReads.CapRow> caps = reads.caps();
        Checker limit = new Checker("eligibility.cap-within-limit", "every cap ledger's usedFen <= limitFen");
        Checker shares = new Checker("eligibility.cap-equals-shares",
                "every cap ledger's usedFen = the sum of the shares (consumers.<decision>.fen) its consumers hold");
        for (AuditReads.CapRow cap : caps) {
            limit.expect(cap.usedFen() <= cap.limitFen(), cap.key(), "used " + cap.usedFen() + " fen > limit " + cap.limitFen());
            long sum = cap.shares().values().stream().mapToLong(Long::longValue).sum();
            shares.expect(sum == cap.usedFen(), cap.key(), "used " + cap.usedFen() + " fen != shares " + sum + " fen "
                    + cap.shares());
        }
        Duration stuckAfter = RESUME_AFTER.plus(DurationConverter.parseDuration(config.intentSweepEvery()));
        Checker stuck = new Checker("eligibility.no-stuck-intent", "no cap intent PENDING for longer than the resume delay"
                + " plus one sweep (" + stuckAfter.getSeconds() + " s)");
        for (AuditReads.IntentRow intent : reads.intents()) {
            stuck.expect(intent.state() != IntentState.PENDING || intent.since() == null
                    || intent.since().isAfter(now.minus(stuckAfter)), intent.id(), "PENDING for "
                    + AuditReport.age(intent.since(), now) + " s");
        }
        List<AuditReport.Item> waiting = new ArrayList<>();
        for (AuditReads.Row review : reads.openReviews()) {
            waiting.add(new AuditReport.Item(review.id(), review.applicationId(), review.state(),
                    AuditReport.age(review.since(), now), review.id()));
        }
        return new AuditReport("eligibility", now, RESUME_AFTER.getSeconds(), List.of(limit.done(), shares.done(),
                stuck.done()), waiting, List.of(), List.of());
    }
}
