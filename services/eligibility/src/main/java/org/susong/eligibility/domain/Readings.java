package org.susong.eligibility.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Readings visible where they act (issue 16 item 7). A decision's criterion that a {@link Measure.Reading} of its
 * version governs says, in both languages, that the condition applied is a reading of the source pending the
 * implementing rules, quoting the source's phrase; a rejection names it so through its failed criteria, and an award
 * a cap governed by a reading reduced says so in its computation. Marking is idempotent: a decision rebuilt from a
 * stored one (a review, an appeal, an award finalised from its proposal) is not marked twice, and a version without
 * readings (stored before them) marks nothing, so a replay under the pinned version states what was stated.
 */
public final class Readings {

    /** The cap criteria that reduce an amount ({@code LedgerService}): a reduction by one rests on its cap's reading. */
    static final Set<String> LIMITS = Set.of("projectCap", "annualCap");
    /** How a cap criterion that granted part of the amount says so ({@code LedgerService}). */
    public static final String PARTIAL = "partial grant up to the remaining cap";

    private static final String MARK_EN = "a reading of the source pending the implementing rules";
    private static final String MARK_ZH = "系对原文的理解，待实施细则明确";

    private Readings() {
    }

    /** What a criterion's English words gain from {@code reading}. */
    public static String en(Measure.Reading reading) {
        return "the condition applied is " + MARK_EN + ": " + reading.en() + " (source: " + reading.sourceZh() + ")";
    }

    /** What a criterion's Chinese words gain from {@code reading}. */
    public static String zh(Measure.Reading reading) {
        return "所适用的条件“" + reading.zh() + "”" + MARK_ZH + "（原文：" + reading.sourceZh() + "）";
    }

    /**
     * {@code evaluation} with the readings of {@code measure} marked: each governed criterion carries its reading; an
     * APPROVED amount below {@code proposedFen} that a governed cap criterion granted in part states the reading in
     * its computation. Unchanged when the measure (null: unknown) has no readings.
     */
    public static Evaluation mark(Measure measure, Evaluation evaluation, Long proposedFen) {
        if (measure == null || measure.readings().isEmpty()) {
            return evaluation;
        }
        List<Criterion> criteria = new ArrayList<>(evaluation.criteria().size());
        Set<Measure.Reading> reducing = new LinkedHashSet<>();
        boolean changed = false;
        for (Criterion c : evaluation.criteria()) {
            Criterion marked = c;
            for (Measure.Reading r : measure.readingsOf(c.name())) {
                if (LIMITS.contains(c.name()) && c.en().contains(PARTIAL)) {
                    reducing.add(r);
                }
                String en = en(r);
                if (!marked.en().contains(en)) {
                    marked = new Criterion(marked.name(), marked.passed(), marked.en() + "; " + en,
                            marked.zh() + "；" + zh(r));
                }
            }
            changed |= marked != c;
            criteria.add(marked);
        }
        String computationEn = evaluation.computationEn();
        String computationZh = evaluation.computationZh();
        boolean reduced = evaluation.outcome() == Outcome.APPROVED && proposedFen != null
                && evaluation.amount().fen() < proposedFen;
        if (reduced && computationEn != null && computationZh != null) {
            for (Measure.Reading r : reducing) {
                String en = "the cap applied is " + MARK_EN + ": " + r.en() + " (source: " + r.sourceZh() + ")";
                if (!computationEn.contains(en)) {
                    computationEn += ". " + en;
                    computationZh += "。所适用的上限“" + r.zh() + "”" + MARK_ZH + "（原文：" + r.sourceZh() + "）";
                    changed = true;
                }
            }
        }
        return changed ? new Evaluation(evaluation.outcome(), evaluation.amount(), criteria, computationEn, computationZh)
                : evaluation;
    }

    /** An explanation in both languages. */
    public record Words(String en, String zh) {
    }

    /**
     * An automatic award's proposal words ({@code AwardProposed}'s explanation) with every reading of {@code measure}
     * that governs one of {@code criteria} stated once after them, in both languages: the proposal is read by the
     * beneficiary before any decision exists, so the readings its conditions rest on are stated there too (the
     * decision that finalises it marks its criteria as {@link #mark} does). Unchanged without such readings.
     */
    public static Words proposal(Measure measure, List<Criterion> criteria, String en, String zh) {
        if (measure == null || measure.readings().isEmpty()) {
            return new Words(en, zh);
        }
        Set<Measure.Reading> applied = new LinkedHashSet<>();
        for (Criterion c : criteria) {
            applied.addAll(measure.readingsOf(c.name()));
        }
        StringBuilder moreEn = new StringBuilder(en);
        StringBuilder moreZh = new StringBuilder(zh);
        for (Measure.Reading r : applied) {
            moreEn.append("; ").append(en(r));
            moreZh.append("；").append(zh(r));
        }
        return new Words(moreEn.toString(), moreZh.toString());
    }
}
