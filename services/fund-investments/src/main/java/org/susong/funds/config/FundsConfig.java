package org.susong.funds.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of funds and investments. */
@ConfigMapping(prefix = "susong.funds")
public interface FundsConfig {

    /**
     * Reserve for fees and follow-ons, in basis points of paid-in capital, for seeded funds whose
     * seed entry gives none. A placeholder (the source gives no figure); applied when a fund is
     * first seeded, so changing it later does not move existing funds.
     */
    @WithDefault("1000")
    int defaultReserveBasisPoints();

    /**
     * How long an investment may stay PENDING before the resumer finishes it; also the lease the
     * writing request holds on it. Keep it well above any pause of a request between its writes.
     */
    @WithDefault("5s")
    Duration resumeAfter();

    /** How often the resumer looks for stale PENDING investments (read by its {@code @Scheduled} expression). */
    @WithDefault("2s")
    Duration resumeEvery();

    /**
     * An investment of more than this amount (fen) needs a second approver, another principal than
     * the one who asked for it (maker-checker, issue 23): until then it waits AWAITING_APPROVAL and no
     * money moves. Placeholder 50,000,000 CNY (the source gives no figure).
     */
    @WithDefault("5000000000")
    long secondApprovalAboveFen();

    /**
     * A management fee of more than this amount (fen) needs a second approver, another principal than the one who asked
     * for it (maker-checker, issue 20 item 9): until then it waits AWAITING_APPROVAL and the reserve does not move.
     * Placeholder 5,000,000 CNY (the source gives no figure).
     */
    @WithDefault("500000000")
    long feeSecondApprovalAboveFen();

    /**
     * How long an investment may wait AWAITING_APPROVAL for its second approver; after that the sweep expires it
     * (EXPIRED, nothing moved). Placeholder 7 days.
     */
    @WithDefault("P7D")
    Duration approvalExpiresAfter();

    /**
     * How long the running totals of the second-approval limit ({@code daily_totals}, one per key and business day)
     * are kept; the sweep removes older days (the local store has no TTL indexes).
     */
    @WithDefault("P40D")
    Duration dailyTotalsKeptFor();

    /** How often {@code ApprovalSweeper} expires waiting investments and purges old totals (read by its {@code @Scheduled}). */
    @WithDefault("10m")
    Duration sweepEvery();

    /** Most PENDING investments the resumer finishes in one round. */
    @WithDefault("100")
    int resumeBatch();
}
