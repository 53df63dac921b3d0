package org.susong.payments.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the payments service. Production values are the defaults; the local profile shortens them. */
@ConfigMapping(prefix = "susong.payments")
public interface PaymentsConfig {

    /** Days an order stays in public notice (公示) before it can be approved; 0 in the local profile. */
    @WithDefault("7")
    int noticeDays();

    /** Orders up to this amount (fen) are approved automatically after notice; 0 = every order needs an officer. */
    @WithDefault("0")
    long autoApproveMaxFen();

    /** Bank channel: {@code simulated} (local profile: confirms every transfer) or {@code none} (orders wait). */
    @WithDefault("none")
    String bankChannel();

    /** How often the processor moves orders along (notice ended, approved, instructed, confirmed). */
    @WithDefault("1s")
    Duration processEvery();

    /**
     * How old a RESERVING intent must be before the resumer takes it over from its writer; a writer
     * that has not charged the line within half of it leaves the charge to the resumer. Generous on
     * purpose: the two must never charge the line for the same order at the same time.
     */
    @WithDefault("30s")
    Duration resumeAfter();

    /** The city's fiscal S&T commitment for 2024-2026 (C1: at least 30,000,000,000 CNY), in fen. */
    @WithDefault("3000000000000")
    long fiscalCommitmentFen();
}
