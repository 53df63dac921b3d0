package org.susong.payments.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the payments service. Production values are the defaults; the local profile shortens them. */
@ConfigMapping(prefix = "susong.payments")
public interface PaymentsConfig {

    /** Days an order stays in public notice (公示) before it can be approved; 0 in the local profile. */
    @WithDefault("7")
    int noticeDays();

    /**
     * A measure's own public-notice period, where it differs from {@link #noticeDays()}
     * ({@code susong.payments.notice-by-measure.B2=P10D}). The local profile gives B2 a 20-second
     * notice so the run command and the end-to-end tests show an order in notice.
     */
    Map<String, Duration> noticeByMeasure();

    /** The public-notice period of an order of this measure. */
    default Duration noticeFor(String measureCode) {
        return noticeByMeasure().getOrDefault(measureCode, Duration.ofDays(noticeDays()));
    }

    /** Orders up to this amount (fen) are approved automatically after notice; 0 = every order needs an officer. */
    @WithDefault("0")
    long autoApproveMaxFen();

    /** Orders above this amount (fen) need two different finance officers (maker-checker); placeholder 1,000,000 CNY. */
    @WithDefault("100000000")
    long dualApprovalAboveFen();

    /**
     * Bank channel: {@code iso20022} (pain.001 files for the treasury to download, statements uploaded),
     * {@code simulated} (local profile: the bank books every file at once and answers with a camt.053),
     * or {@code none} (nothing is exported; approved orders wait).
     */
    @WithDefault("iso20022")
    String bankChannel();

    /** Local time (Asia/Shanghai) after which the day's batches are exported; empty = every processing round. */
    Optional<LocalTime> exportBatchesAt();

    /**
     * The year-end rule of a measure not named in {@code year-end.rule-by-measure}: true LAPSE (its unpaid orders of the
     * closed year are released), false CARRY_OVER (carried into the next year's line). Applied by the year-end close
     * ({@code POST /budgets/{year}/close}) only; nothing lapses before a year is closed.
     */
    @WithDefault("true")
    boolean waitlistLapsesAtYearEnd();

    /** Year-end (issue 20 item 1): what the close of a fiscal year does with what that year has not paid. */
    YearEnd yearEnd();

    /** The year-end rule of a measure: {@link YearEnd#CARRY_OVER} or {@link YearEnd#LAPSE}. */
    default String yearEndRule(String measureCode) {
        String rule = yearEnd().ruleByMeasure().get(measureCode);
        if (rule != null) {
            return rule;
        }
        return waitlistLapsesAtYearEnd() ? YearEnd.LAPSE : YearEnd.CARRY_OVER;
    }

    interface YearEnd {
        String CARRY_OVER = "CARRY_OVER";
        String LAPSE = "LAPSE";
        String AWARD_YEAR = "AWARD_YEAR";
        String NEXT_YEAR = "NEXT_YEAR";

        /**
         * A measure's rule ({@code susong.payments.year-end.rule-by-measure.B2=CARRY_OVER}): CARRY_OVER moves its
         * waitlisted and unpaid orders of the closed year into the next year's line (a journaled transfer), LAPSE
         * releases them. A measure not named follows {@code waitlist-lapses-at-year-end}.
         */
        Map<String, String> ruleByMeasure();

        /**
         * Which year an order that is in a bank file at the close (BATCHED, INSTRUCTED: a December award whose payment the
         * bank books in January) is charged to: AWARD_YEAR (default: the closed year's line pays it, whatever the rule)
         * or NEXT_YEAR (a CARRY_OVER measure's order is carried over like an unpaid one; a LAPSE measure's stays, it
         * cannot be released from a bank file).
         */
        @WithDefault("AWARD_YEAR")
        String inBankFilesChargedTo();
    }

    /** Whether an open recovery is offset against the beneficiary's later payments (placeholder rule: allowed). */
    @WithDefault("true")
    boolean offsetRecoveries();

    /** The paying account of the city treasury (debtor of every pain.001); placeholders. */
    Payer payer();

    /** How often the processor moves orders along (notice ended, approved, batched, exported, booked). */
    @WithDefault("1s")
    Duration processEvery();

    /**
     * How old an intent (RESERVING, RELEASING, SETTLING, RETURNING) must be before the resumer takes it
     * over from its writer; a writer that has not charged the line within half of it leaves the charge
     * to the resumer. Generous on purpose: the two must never move the line for one intent at once.
     */
    @WithDefault("30s")
    Duration resumeAfter();

    /**
     * Separation of duties (issue 23): the platform roles that hold each of payments' duties, keyed by the duty role
     * the endpoints require: {@code payment-approver}, {@code batch-exporter}, {@code batch-voider},
     * {@code bank-file-importer}. A token may also carry a duty role itself. Production maps {@code finance} to
     * approval only: the identity provider grants export, void and import to the people who do them.
     */
    Map<String, List<String>> dutyRoles();

    /** The largest budget adjustment one request may move, either way (fen); placeholder 1,000,000,000 CNY. */
    @WithDefault("100000000000")
    long adjustmentMaxFen();

    /**
     * Budget adjustments above this amount, either way (fen), need a second, different administrator; so does one that
     * takes what its requester moved alone on the line that business day above it. Placeholder 10,000,000 CNY.
     */
    @WithDefault("1000000000")
    long adjustmentDualAboveFen();

    /** The city's fiscal S&T commitment for 2024-2026 (C1: at least 30,000,000,000 CNY), in fen. */
    @WithDefault("3000000000000")
    long fiscalCommitmentFen();

    /** The debtor account of the bank files. */
    interface Payer {
        /** Account holder name (placeholder). */
        @WithDefault("Xiamen Municipal Finance Bureau (placeholder)")
        String name();

        /** Account number (placeholder). */
        @WithDefault("35001000000000000000")
        String account();

        /** CNAPS code of the paying bank (placeholder). */
        @WithDefault("102393000000")
        String bankCode();
    }
}
