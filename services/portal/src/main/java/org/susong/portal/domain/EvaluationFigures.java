package org.susong.portal.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The evaluation's figures (measure D3, 建立定期评估机制) from the applications' facts, per measure × district × quarter of
 * submission (Xiamen time). Definitions (docs/services/portal.md#evaluation-read-model):
 * <ul>
 *   <li>an application's <b>outcome</b> is that of its latest decision by {@code decidedAt} that is APPROVED or
 *       REJECTED (an appeal's re-decision replaces the first); none yet (only REVIEW_REQUIRED, or no decision):
 *       pending. Rates are over the decided (approvals + rejections), in per mille rounded half up;</li>
 *   <li>the <b>main rejection reasons</b>: the criteria not met by the rejected applications' outcomes, most frequent
 *       first (then by name), at most three;</li>
 *   <li><b>decided</b>: the sum of the approved outcomes' amounts; <b>paid</b>: per payment order, its latest outcome
 *       by time, summed when paid or converted (a return cancels it until it is paid again); exact fen;</li>
 *   <li><b>time to payment</b>: from submission to the application's first payment or conversion, in minutes; the
 *       median and p90 by nearest rank (the ⌈p·n⌉-th smallest: the lower median for an even count);</li>
 *   <li><b>automatic</b> (免申即享): an application the platform created from an award proposal
 *       ({@code systemInitiated} or {@code proposalId}); awards are the approved outcomes, automatic or applied;</li>
 *   <li><b>appeals</b>: each appeal filed; granted when the first decision after it (the one superseding the appealed
 *       decision, else the first decided after the filing) approves, upheld when it rejects, pending without one.</li>
 * </ul>
 * An application whose submission has not been read is in no row.
 */
public final class EvaluationFigures {

    public static final ZoneId XIAMEN = ZoneId.of("Asia/Shanghai");

    private EvaluationFigures() {
    }

    /** The year and quarter (1-4) of an instant in Xiamen. */
    public record Quarter(int year, int quarter) implements Comparable<Quarter> {

        public static Quarter of(Instant at) {
            ZonedDateTime local = at.atZone(XIAMEN);
            return new Quarter(local.getYear(), (local.getMonthValue() - 1) / 3 + 1);
        }

        @Override
        public int compareTo(Quarter o) {
            return year != o.year ? Integer.compare(year, o.year) : Integer.compare(quarter, o.quarter);
        }

        @Override
        public String toString() {
            return year + "-Q" + quarter;
        }
    }

    /** A criterion not met and how many rejected applications it was not met by. */
    public record Reason(String criterion, long count) {
    }

    /** One row: a group's figures ({@code measure}, {@code district}, {@code quarter} null on the totals row). */
    public record Row(String measure, String district, Quarter quarter, long applications, long applied,
                      long automatic, long approvals, long rejections, long pending, Long approvalPermille,
                      Long rejectionPermille, List<Reason> mainReasons, long decidedFen, long paidFen,
                      long paidApplications, Long medianMinutesToPayment, Long p90MinutesToPayment,
                      long awardsAutomatic, long awardsApplied, long appeals, long appealsGranted,
                      long appealsUpheld, long appealsPending) {
    }

    /** The rows of the facts, by quarter, measure and district. */
    public static List<Row> rows(List<ApplicationFacts> facts) {
        Map<List<Comparable<?>>, List<ApplicationFacts>> groups = new TreeMap<>(GROUP_ORDER);
        for (ApplicationFacts f : facts) {
            if (f.submittedAt() == null) {
                continue;
            }
            Quarter q = Quarter.of(f.submittedAt());
            groups.computeIfAbsent(List.of(q, f.measure(), f.district()), k -> new ArrayList<>()).add(f);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((key, group) -> rows.add(row((String) key.get(1), (String) key.get(2), (Quarter) key.get(0), group)));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static final Comparator<List<Comparable<?>>> GROUP_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable<Object>) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /** The totals of all the facts read (the same definitions over every group at once). */
    public static Row totals(List<ApplicationFacts> facts) {
        return row(null, null, null, facts.stream().filter(f -> f.submittedAt() != null).toList());
    }

    static Row row(String measure, String district, Quarter quarter, List<ApplicationFacts> group) {
        long approvals = 0, rejections = 0, pending = 0, decided = 0, paid = 0, paidApplications = 0;
        long automatic = 0, awardsAutomatic = 0, awardsApplied = 0, appeals = 0, granted = 0, upheld = 0, open = 0;
        Map<String, Long> reasons = new HashMap<>();
        List<Long> minutes = new ArrayList<>();
        for (ApplicationFacts f : group) {
            if (f.automatic()) {
                automatic++;
            }
            Optional<ApplicationFacts.DecisionFact> outcome = outcome(f);
            if (outcome.isEmpty()) {
                pending++;
            } else if ("APPROVED".equals(outcome.get().outcome())) {
                approvals++;
                decided += outcome.get().amountFen();
                if (f.automatic()) {
                    awardsAutomatic++;
                } else {
                    awardsApplied++;
                }
            } else {
                rejections++;
                outcome.get().failedCriteria().forEach(c -> reasons.merge(c, 1L, Long::sum));
            }
            long applicationPaid = paid(f);
            paid += applicationPaid;
            Optional<Instant> firstPaid = f.payments().stream().filter(ApplicationFacts.PaymentFact::paid)
                    .map(ApplicationFacts.PaymentFact::at).min(Comparator.naturalOrder());
            if (firstPaid.isPresent()) {
                paidApplications++;
                minutes.add(Duration.between(f.submittedAt(), firstPaid.get()).toMinutes());
            }
            for (ApplicationFacts.AppealFact appeal : f.appeals()) {
                appeals++;
                Optional<ApplicationFacts.DecisionFact> answer = appealAnswer(f, appeal);
                if (answer.isEmpty()) {
                    open++;
                } else if ("APPROVED".equals(answer.get().outcome())) {
                    granted++;
                } else {
                    upheld++;
                }
            }
        }
        List<Reason> main = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> new Reason(e.getKey(), e.getValue())).collect(Collectors.toList());
        long decidedCount = approvals + rejections;
        minutes.sort(Comparator.naturalOrder());
        return new Row(measure, district, quarter, group.size(), group.size() - automatic, automatic, approvals,
                rejections, pending, permille(approvals, decidedCount), permille(rejections, decidedCount), main, decided,
                paid, paidApplications, nearestRank(minutes, 50), nearestRank(minutes, 90), awardsAutomatic,
                awardsApplied, appeals, granted, upheld, open);
    }

    /** The latest APPROVED or REJECTED decision by time (then by id: an appeal's {@code -R<n>} after the first). */
    static Optional<ApplicationFacts.DecisionFact> outcome(ApplicationFacts f) {
        return f.decisions().stream().filter(ApplicationFacts.DecisionFact::finalOutcome)
                .max(Comparator.comparing(ApplicationFacts.DecisionFact::decidedAt)
                        .thenComparing(ApplicationFacts.DecisionFact::decisionId));
    }

    /** Per order, its latest outcome by time (a return after a payment at the same instant wins); the paid ones summed. */
    static long paid(ApplicationFacts f) {
        Map<String, ApplicationFacts.PaymentFact> latest = new HashMap<>();
        for (ApplicationFacts.PaymentFact p : f.payments()) {
            latest.merge(p.orderId(), p, (a, b) -> later(a, b) ? a : b);
        }
        return latest.values().stream().filter(ApplicationFacts.PaymentFact::paid)
                .mapToLong(ApplicationFacts.PaymentFact::amountFen).sum();
    }

    private static boolean later(ApplicationFacts.PaymentFact a, ApplicationFacts.PaymentFact b) {
        int c = a.at().compareTo(b.at());
        return c != 0 ? c > 0 : !a.paid();
    }

    static Optional<ApplicationFacts.DecisionFact> appealAnswer(ApplicationFacts f, ApplicationFacts.AppealFact appeal) {
        Comparator<ApplicationFacts.DecisionFact> first = Comparator.comparing(ApplicationFacts.DecisionFact::decidedAt)
                .thenComparing(ApplicationFacts.DecisionFact::decisionId);
        Optional<ApplicationFacts.DecisionFact> superseding = f.decisions().stream()
                .filter(ApplicationFacts.DecisionFact::finalOutcome)
                .filter(d -> appeal.decisionId().equals(d.supersedes())).min(first);
        if (superseding.isPresent()) {
            return superseding;
        }
        return f.decisions().stream().filter(ApplicationFacts.DecisionFact::finalOutcome)
                .filter(d -> !d.decisionId().equals(appeal.decisionId()) && d.decidedAt().isAfter(appeal.appealedAt()))
                .min(first);
    }

    /** {@code part} of {@code whole} in per mille, rounded half up; null when the whole is 0. */
    static Long permille(long part, long whole) {
        return whole == 0 ? null : (part * 2000 + whole) / (2 * whole);
    }

    /** The nearest-rank percentile of sorted values: the ⌈p·n/100⌉-th smallest; null for none. */
    static Long nearestRank(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size() / 100.0);
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
