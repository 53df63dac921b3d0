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

    /** Whether waitlisted orders of a past fiscal year lapse (released) at year end; false = they stay waitlisted. */
    @WithDefault("true")
    boolean waitlistLapsesAtYearEnd();

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
