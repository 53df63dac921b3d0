package org.susong.funds.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.susong.commons.audit.AuditReport;
import org.susong.commons.audit.ServiceAudit;
import org.susong.commons.audit.AuditReport.Checker;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.persistence.AuditReads;

/**
 * The fund-investments part of the audit (issues 12 and 22), read-only: every fund's capital is in
 * order (paid-in <= called <= committed, in total and per source, the total being the sum of the
 * sources), its money adds up (available + invested = paid-in - reserve held - fees paid from it + recycled exit
 * proceeds; a follow-on drawn from the reserve moves money from the reserve into invested), and no intent is left
 * PENDING past the resumer.
 */
@ApplicationScoped
public class FundsAudit implements ServiceAudit {

    private final AuditReads reads;
    private final FundsConfig config;
    private final Clock clock;

    FundsAudit(AuditReads reads, FundsConfig config, Clock clock) {
        this.reads = reads;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public AuditReport report() {
        Instant now = clock.instant();
        Checker order = new Checker("fund-investments.capital-in-order", "per fund and per capital source:"
                + " paidInFen <= calledFen <= committedFen, and per source uncalledFen = committedFen - calledFen");
        Checker sum = new Checker("fund-investments.capital-sources-sum",
                "per fund: committed, called and paid-in equal the sums over its capital sources");
        Checker balance = new Checker("fund-investments.money-adds-up",
                "per fund: availableFen + investedFen = paidInFen - reserveFen - reserveFeesFen + recycledFen");
        for (AuditReads.FundRow f : reads.funds()) {
            AuditReads.Amounts t = f.total();
            order.expect(inOrder(t), f.id(), "fund total " + t);
            for (Map.Entry<String, AuditReads.Amounts> s : f.sources().entrySet()) {
                AuditReads.Amounts a = s.getValue();
                order.expect(inOrder(a) && a.uncalledFen() == a.committedFen() - a.calledFen(), f.id() + "/" + s.getKey(),
                        "source " + a);
            }
            long committed = f.sources().values().stream().mapToLong(AuditReads.Amounts::committedFen).sum();
            long called = f.sources().values().stream().mapToLong(AuditReads.Amounts::calledFen).sum();
            long paidIn = f.sources().values().stream().mapToLong(AuditReads.Amounts::paidInFen).sum();
            sum.expect(committed == t.committedFen() && called == t.calledFen() && paidIn == t.paidInFen(), f.id(),
                    "total " + t + " but sources sum to committed " + committed + ", called " + called + ", paid in " + paidIn);
            balance.expect(f.availableFen() + f.investedFen()
                            == t.paidInFen() - f.reserveFen() - f.reserveFeesFen() + f.recycledFen(), f.id(),
                    "available " + f.availableFen() + " + invested " + f.investedFen() + " != paid in " + t.paidInFen()
                    + " - reserve " + f.reserveFen() + " - fees " + f.reserveFeesFen() + " + recycled " + f.recycledFen());
        }
        Duration limit = config.resumeAfter().plus(config.resumeEvery());
        Checker stuck = new Checker("fund-investments.no-stuck-intent", "no investment, capital movement or conversion"
                + " PENDING for longer than the resume delay plus one resumer round (" + limit.getSeconds() + " s)");
        List<AuditReport.Item> waiting = new java.util.ArrayList<>(); // investments awaiting a second approver: no breach
        for (AuditReads.IntentRow i : reads.intents()) {
            stuck.expect(i.phase() != AuditReads.Phase.PENDING || i.at() == null || i.at().isAfter(now.minus(limit)),
                    i.collection() + "/" + i.id(), "PENDING for " + AuditReport.age(i.at(), now) + " s");
            if (i.phase() == AuditReads.Phase.AWAITING_APPROVAL) {
                waiting.add(new AuditReport.Item(i.collection() + "/" + i.id(), null, i.phase().name(), AuditReport.age(i.at(), now),
                        "a second approver"));
            }
        }
        return new AuditReport("fund-investments", now, config.resumeAfter().getSeconds(), List.of(order.done(), sum.done(),
                balance.done(), stuck.done()), waiting, List.of(), List.of());
    }

    private static boolean inOrder(AuditReads.Amounts a) {
        return a.paidInFen() <= a.calledFen() && a.calledFen() <= a.committedFen();
    }
}
