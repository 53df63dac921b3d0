package org.susong.eligibility.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the eligibility service (rule values themselves are catalogue data, versioned). */
@ConfigMapping(prefix = "susong.eligibility")
public interface EligibilityConfig {

    /** Computed amounts above this (fen) are not approved automatically: an officer confirms them. */
    @WithDefault("500000000")
    long autoApproveMaxFen();

    /** An officer's approval above this amount (fen) needs a second, different officer (maker-checker). */
    @WithDefault("100000000")
    long makerCheckerAboveFen();

    /** Days after the decision's business date within which it may be appealed (administrative reconsideration: 60). */
    @WithDefault("60")
    int appealDays();

    /** An amount more than this many times the measure's cap or bound is absurd and rejected. */
    @WithDefault("1000")
    long absurdFactor();

    /** The largest facts object an application may carry, serialised as JSON (bytes); larger ones are rejected. */
    @WithDefault("16384")
    int factsMaxBytes();

    /** How often the resumer completes cap intents a crash left PENDING (read by LedgerService's schedule). */
    @WithDefault("60s")
    String intentSweepEvery();

    /**
     * How often the resumer finishes calls whose decisions a crash left unwritten (issue 19; read by CallResumer's
     * schedule; {@code off} disables it).
     */
    @WithDefault("60s")
    String callResumeEvery();

    /**
     * How long after a call's CANCELLED or RANKING write the resumer takes over writing its decisions (a request still
     * writing them is left this long).
     */
    @WithDefault("60s")
    java.time.Duration callResumeAfter();

    /**
     * How often the orphan-share sweeper gives back the cap shares of reviews closed to approvals that their decision
     * does not state (read by CapShareSweeper's schedule; {@code off} disables it).
     */
    @WithDefault("60s")
    String capSweepEvery();

    /**
     * How old a cap intent must be before the sweeper gives its share back: an approval that took it that long ago has
     * finished or died (one still running gives it back itself when its write loses).
     */
    @WithDefault("5m")
    java.time.Duration capSweepAfter();

    /**
     * How far back the sweeper reads reviews completed (DONE) for orphan shares: an approval that read the review before
     * it completed takes its share within seconds of that; reviews still completing are read whatever their age.
     */
    @WithDefault("24h")
    java.time.Duration capSweepLookback();

    /**
     * Issue 19: an application to a call asking for more than this (fen) is scored by two different officers, one
     * officer below (placeholder: the source gives no rule; the same 1,000,000 CNY as the review maker-checker).
     */
    @WithDefault("100000000")
    long callSecondScorerAboveFen();

    /** Automatic B3b awards for registered technology contracts. */
    B3b b3b();

    /** Certification lists (B1) imported by administrators. */
    Certifications certifications();

    interface Certifications {
        /**
         * The most rows one imported list file may hold (413 above). The body is bounded first by the shared 1 MB
         * (commons BodyTooLarge, 413 problem+json): about 7,000 rows of ~140 bytes; a longer list is split.
         */
        @WithDefault("10000")
        int maxRows();
    }

    interface B3b {
        /** Which party of a contract is rewarded: SELLER or BUYER (placeholder: the source says "a single enterprise"). */
        @WithDefault("SELLER")
        String rewardedParty();

        /** Whether registered contracts are rewarded without an application. */
        @WithDefault("true")
        boolean automatic();
    }
}
