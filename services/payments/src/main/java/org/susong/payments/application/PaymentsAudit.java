package org.susong.payments.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.susong.commons.audit.AuditReport;
import org.susong.commons.audit.ServiceAudit;
import org.susong.commons.audit.AuditReport.Checker;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.OrderState;
import org.susong.payments.persistence.AuditReads;

/**
 * The payments part of the audit (issue 12), read-only over payments' own store: one order per
 * decision, every budget line's counters equal to its journal, no intent left past the resumer, and
 * which orders wait for a person or the bank.
 */
@ApplicationScoped
public class PaymentsAudit implements ServiceAudit {

    /** States in which an order waits for someone: the notice window, an officer, the budget, an objection, the payee, the bank. */
    static final Set<OrderState> WAITING = EnumSet.of(OrderState.IN_NOTICE, OrderState.AWAITING_APPROVAL,
            OrderState.WAITLISTED, OrderState.ON_HOLD, OrderState.AWAITING_PAYEE, OrderState.INSTRUCTED);
    /** Order states nothing follows: paid, converted, released, returned (issue 25 matches them with open applications). */
    static final Set<OrderState> FINAL = EnumSet.of(OrderState.SETTLED, OrderState.CONVERTED, OrderState.RELEASED,
            OrderState.RETURNED);
    /** Order states that are intents: the line is being charged or credited and a resumer finishes them after a crash. */
    static final Set<OrderState> INTENT_STATES = EnumSet.of(OrderState.RESERVING, OrderState.RELEASING,
            OrderState.SETTLING, OrderState.RETURNING, OrderState.RESENDING);

    private final AuditReads reads;
    private final LedgerService ledger;
    private final PaymentsConfig config;
    private final Clock clock;

    PaymentsAudit(AuditReads reads, LedgerService ledger, PaymentsConfig config, Clock clock) {
        this.reads = reads;
        this.ledger = ledger;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public AuditReport report() {
        Instant now = clock.instant();
        List<AuditReads.OrderRow> orders = reads.orders();
        List<AuditReport.Item> waiting = new ArrayList<>();
        List<AuditReport.Item> finished = new ArrayList<>();
        for (AuditReads.OrderRow o : orders) {
            if (FINAL.contains(o.state())) {
                finished.add(new AuditReport.Item(o.id(), o.applicationId(), o.state().name(), AuditReport.age(o.updatedAt(), now),
                        o.decisionId()));
            }
            boolean noticeOpen = o.state() != OrderState.IN_NOTICE || o.noticeEndsAt() == null
                    || o.noticeEndsAt().isAfter(now);
            boolean batchedForExport = o.state() == OrderState.BATCHED && config.exportBatchesAt().isPresent();
            if ((WAITING.contains(o.state()) && noticeOpen) || batchedForExport) {
                waiting.add(new AuditReport.Item(o.id(), o.applicationId(), o.state().name(), AuditReport.age(o.updatedAt(), now),
                        o.decisionId()));
            }
        }
        List<AuditReport.Check> checks = new ArrayList<>();
        checks.add(onePerDecision(orders));
        checks.add(linesEqualJournal(waiting, now));
        checks.add(noStuckIntent(orders, now));
        return new AuditReport("payments", now, config.resumeAfter().getSeconds(), checks, waiting, List.of(), finished);
    }

    private static AuditReport.Check onePerDecision(List<AuditReads.OrderRow> orders) {
        Map<String, List<String>> byDecision = new TreeMap<>();
        for (AuditReads.OrderRow o : orders) {
            byDecision.computeIfAbsent(String.valueOf(o.decisionId()), d -> new ArrayList<>()).add(o.id());
        }
        Checker check = new Checker("payments.one-order-per-decision",
                "no decision id appears on more than one payment order (the order id is PO-<decision>)");
        byDecision.forEach((decision, ids) -> check.expect(ids.size() == 1, decision,
                ids.size() + " orders for one decision: " + ids));
        return check.done();
    }

    /**
     * Recomputes every line from the journal entries kept on the documents that moved money (orders,
     * allocations, recoveries) and compares each account with the line's counter; a line with an intent
     * in flight (applied to the counter, its entry not yet written) is reported waiting, not a breach -
     * the stuck-intent check catches one that stays.
     */
    private AuditReport.Check linesEqualJournal(List<AuditReport.Item> waiting, Instant now) {
        LedgerService.Check result = ledger.check();
        Checker check = new Checker("payments.budget-line-equals-journal",
                "per budget line: -appropriation = allocatedFen and the available, reserved, disbursed and receivable"
                        + " balances recomputed from the journal equal the line's counters; every entry balances and"
                        + " is posted once; allocated = available + reserved + disbursed + receivable");
        for (LedgerService.LineCheck line : result.lines()) {
            check.checked();
            Map<String, Long> c = line.counters();
            long allocated = -c.get(Ledger.APPROPRIATION);
            long parts = c.get(Ledger.AVAILABLE) + c.get(Ledger.RESERVED) + c.get(Ledger.DISBURSED) + c.get(Ledger.RECEIVABLE);
            if (allocated != parts) {
                check.breach(line.budgetLine(), "allocated " + allocated + " fen != available + reserved + disbursed"
                        + " + receivable = " + parts + " fen");
            }
            if (!line.matches()) {
                if (line.inFlight().isEmpty()) {
                    check.breach(line.budgetLine(), "counters " + line.counters() + " != journal " + line.journal());
                } else {
                    waiting.add(new AuditReport.Item(line.budgetLine(), null, "INTENTS_IN_FLIGHT " + line.inFlight(), 0, null));
                }
            }
        }
        result.unbalancedEntries().forEach(e -> check.breach(e, "journal entry does not balance"));
        result.duplicateEntries().forEach(e -> check.breach(e, "journal entry posted twice"));
        result.mismatchedLines().stream().filter(l -> l.contains(" ")).forEach(l -> check.breach(l, "journal without a line"));
        return check.done();
    }

    /** An intent is stuck once the resumer should have finished it: older than its resume delay plus one processing round. */
    private AuditReport.Check noStuckIntent(List<AuditReads.OrderRow> orders, Instant now) {
        Duration limit = config.resumeAfter().plus(config.processEvery());
        Instant before = now.minus(limit);
        Checker check = new Checker("payments.no-stuck-intent", "no order in RESERVING, RELEASING, SETTLING or RETURNING,"
                + " no PENDING allocation or withdrawal and no pending recovery repayment older than the resume delay"
                + " plus one processing round (" + limit.getSeconds() + " s)");
        for (AuditReads.OrderRow o : orders) {
            check.expect(!INTENT_STATES.contains(o.state()) || o.updatedAt() == null || o.updatedAt().isAfter(before), o.id(),
                    o.state() + " for " + AuditReport.age(o.updatedAt(), now) + " s");
        }
        for (AuditReads.IntentRow i : reads.otherIntents()) {
            check.expect(!i.pending() || i.since() == null || i.since().isAfter(before), i.collection() + "/" + i.id(),
                    i.state() + " for " + AuditReport.age(i.since(), now) + " s");
        }
        return check.done();
    }
}
