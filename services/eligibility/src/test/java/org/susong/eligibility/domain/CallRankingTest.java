package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 19: the ranking's order and awards as a pure function (no Quarkus). */
class CallRankingTest {

    static CallRanking.Sheet sheet(String id, String at, long amount, long total, int scorers) {
        return new CallRanking.Sheet(id, Instant.parse(at), amount, total, scorers);
    }

    @Test
    void means_are_compared_exactly_not_as_rounded_scores() {
        // 2 officers 15,101 / 2 = 75.505 shows as 75.51; 1 officer 7,551 = 75.51: the exact mean ranks the second first
        var r = CallRanking.rank(List.of(sheet("APP-A", "2026-06-01T00:00:00Z", 100, 15_101, 2),
                sheet("APP-B", "2026-06-02T00:00:00Z", 100, 7_551, 1)), 1_000, false);
        assertEquals(List.of("APP-B", "APP-A"), r.ranked().stream().map(CallRanking.Ranked::applicationId).toList());
        assertEquals(new BigDecimal("75.51"), r.ranked().get(1).score());
    }

    @Test
    void a_tie_goes_to_the_earlier_submission_then_the_lower_id_and_the_order_is_never_jumped() {
        var r = CallRanking.rank(List.of(sheet("APP-Z", "2026-06-01T00:00:00Z", 300, 8_000, 1),
                sheet("APP-C", "2026-06-03T00:00:00Z", 100, 8_000, 1),
                sheet("APP-B", "2026-06-03T00:00:00Z", 100, 8_000, 1),
                sheet("APP-D", "2026-06-04T00:00:00Z", 50, 7_000, 1)), 450, false);
        assertEquals(List.of("APP-Z", "APP-B", "APP-C", "APP-D"),
                r.ranked().stream().map(CallRanking.Ranked::applicationId).toList());
        // 300 + 100 = 400 of 450; APP-C (100) does not fit: not funded, and APP-D (50, which would fit) is not either
        assertEquals(List.of(300L, 100L, 0L, 0L), r.ranked().stream().map(CallRanking.Ranked::awardedFen).toList());
        assertEquals(new BigDecimal("80.00"), r.cutOffScore());
        assertEquals(400, r.usedFen());
    }

    @Test
    void a_partial_award_takes_what_remains_and_an_envelope_too_small_funds_nobody() {
        var partial = CallRanking.rank(List.of(sheet("APP-A", "2026-06-01T00:00:00Z", 300, 9_000, 1),
                sheet("APP-B", "2026-06-02T00:00:00Z", 300, 8_000, 1),
                sheet("APP-C", "2026-06-03T00:00:00Z", 300, 7_000, 1)), 500, true);
        assertEquals(List.of(300L, 200L, 0L), partial.ranked().stream().map(CallRanking.Ranked::awardedFen).toList());
        assertEquals(500, partial.usedFen());
        var none = CallRanking.rank(List.of(sheet("APP-A", "2026-06-01T00:00:00Z", 300, 9_000, 1)), 100, false);
        assertEquals(0, none.funded());
        assertNull(none.cutOffScore());
    }

    /**
     * Issue 19 item 3 (C1, 递补): a later round ({@link CallRanking#rerank}) keeps the ranks, gives the withdrawn what
     * they keep, keeps every award of the round before it exactly (never lowered, never grown), funds only applications
     * that had nothing, in rank order (once one gets less than it asked, none below it gets anything), and never spends
     * more than the envelope. 2,000 random calls, each with three withdrawals, each round from the one before it.
     */
    @Test
    void a_later_round_changes_no_award_funds_in_rank_order_and_never_exceeds_the_envelope() {
        java.util.Random random = new java.util.Random(19);
        int funded = 0;
        for (int n = 0; n < 2_000; n++) {
            int size = 1 + random.nextInt(12);
            List<CallRanking.Sheet> sheets = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                sheets.add(new CallRanking.Sheet("APP-" + i, Instant.parse("2026-06-01T00:00:00Z").plusSeconds(random.nextInt(5)),
                        (1 + random.nextInt(20)) * 50_000_00L, random.nextInt(101) * 100L, 1));
            }
            long envelope = (1 + random.nextInt(60)) * 50_000_00L;
            boolean partial = random.nextBoolean();
            CallRanking.Result previous = CallRanking.rank(sheets, envelope, partial);
            java.util.Map<String, Long> withdrawn = new java.util.TreeMap<>();
            for (int round = 2; round <= 4; round++) {
                // an award released whole (0 kept) or only in part (it keeps part of what it was awarded)
                List<CallRanking.Ranked> awarded = previous.ranked().stream().filter(r -> r.awardedFen() > 0
                        && !withdrawn.containsKey(r.applicationId())).toList();
                if (!awarded.isEmpty()) {
                    CallRanking.Ranked gone = awarded.get(random.nextInt(awarded.size()));
                    withdrawn.put(gone.applicationId(), random.nextBoolean() ? 0L : random.nextLong(gone.awardedFen()));
                }
                CallRanking.Result next = CallRanking.rerank(previous.ranked(), withdrawn, envelope, partial);
                assertEquals(previous.ranked().stream().map(CallRanking.Ranked::applicationId).toList(),
                        next.ranked().stream().map(CallRanking.Ranked::applicationId).toList(), "the order is kept");
                long used = 0;
                boolean stopped = false;
                for (int i = 0; i < size; i++) {
                    CallRanking.Ranked before = previous.ranked().get(i);
                    CallRanking.Ranked now = next.ranked().get(i);
                    assertEquals(before.rank(), now.rank());
                    used += now.awardedFen();
                    if (withdrawn.containsKey(now.applicationId())) {
                        assertEquals(withdrawn.get(now.applicationId()), now.awardedFen(), "the withdrawn keep what they keep");
                    } else if (before.awardedFen() > 0) {
                        assertEquals(before.awardedFen(), now.awardedFen(), "round " + round + " changed an award: " + now);
                    } else {
                        org.junit.jupiter.api.Assertions.assertTrue(!stopped || now.awardedFen() == 0,
                                "rank order jumped at " + now);
                        if (now.awardedFen() > 0) {
                            funded++;
                        }
                        if (now.awardedFen() < now.amountFen()) {
                            stopped = true;
                        }
                    }
                }
                assertEquals(used, next.usedFen());
                org.junit.jupiter.api.Assertions.assertTrue(used <= envelope, "over the envelope");
                previous = next;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(funded > 500, "the rounds funded applications: " + funded);
    }

    /**
     * Later rounds fund whole requests only (helper-143's RISK: a partial award made by a round froze a later
     * application part-funded and made the outcome depend on the order the releases arrived in): the rounds computed in
     * turn, one release at a time, come to the same awards as one round with all the releases, and the next not funded
     * that fits is always funded. 2,000 random calls.
     */
    @Test
    void later_rounds_come_to_the_same_awards_whatever_order_the_releases_arrive_in() {
        java.util.Random random = new java.util.Random(1903);
        for (int n = 0; n < 2_000; n++) {
            int size = 2 + random.nextInt(12);
            List<CallRanking.Sheet> sheets = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                sheets.add(new CallRanking.Sheet("APP-" + i, Instant.parse("2026-06-01T00:00:00Z"),
                        (1 + random.nextInt(20)) * 50_000_00L, random.nextInt(101) * 100L, 1));
            }
            long envelope = (1 + random.nextInt(60)) * 50_000_00L;
            CallRanking.Result first = CallRanking.rank(sheets, envelope, random.nextBoolean());
            List<String> awarded = first.ranked().stream().filter(CallRanking.Ranked::funded)
                    .map(CallRanking.Ranked::applicationId).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            java.util.Collections.shuffle(awarded, random);
            java.util.Map<String, Long> withdrawn = new java.util.LinkedHashMap<>();
            CallRanking.Result stepwise = first;
            for (String gone : awarded.subList(0, Math.min(awarded.size(), 1 + random.nextInt(3)))) {
                withdrawn.put(gone, 0L);
                stepwise = CallRanking.rerank(stepwise.ranked(), withdrawn, envelope, false);
            }
            CallRanking.Result atOnce = CallRanking.rerank(first.ranked(), withdrawn, envelope, false);
            assertEquals(atOnce.ranked(), stepwise.ranked(), "the order of the releases changed the awards");
            // and the first not funded that fits what is left is funded: nothing stops early
            long left = envelope - atOnce.usedFen();
            boolean stopped = false;
            for (CallRanking.Ranked r : atOnce.ranked()) {
                boolean candidate = !withdrawn.containsKey(r.applicationId()) && first.ranked().stream()
                        .noneMatch(f -> f.applicationId().equals(r.applicationId()) && f.awardedFen() > 0);
                if (candidate && r.awardedFen() == 0 && !stopped) {
                    org.junit.jupiter.api.Assertions.assertTrue(r.amountFen() > left,
                            "the first not funded fits what is left: " + r + ", left " + left);
                    stopped = true;
                }
                if (candidate && r.awardedFen() > 0) {
                    assertEquals(r.amountFen(), r.awardedFen(), "a later round funds whole requests only");
                }
            }
        }
    }
}
