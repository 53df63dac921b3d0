package org.susong.techcontracts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Layout of registration numbers: 16 digits = registration year (4, Asia/Shanghai) + registry code
 * (4) + serial within the year (8, from a per-year counter, so up to 99,999,999 a year).
 */
@ConfigMapping(prefix = "susong.tech-contracts.registration")
public interface RegistrationConfig {

    /** Four-digit code of the registry that issues the numbers, written after the year (3502 = Xiamen). */
    @WithDefault("3502")
    @Pattern(regexp = "\\d{4}", message = "must be 4 digits")
    String registryCode();

    /**
     * How far above the last serial this registry has issued in a year an imported number of this
     * registry may be: a mistyped serial beyond it is refused (422) rather than moving the counter
     * past it for good (100,000 is over 12 years of Xiamen's 8,025 contracts of 2023).
     */
    @WithDefault("100000")
    @Positive
    long importSerialHeadroom();

    /** How long an Idempotency-Key of {@code POST /contracts} and its answer are kept on the contract (the store has no TTL). */
    @WithDefault("PT24H")
    java.time.Duration idempotencyRetention();

    /** Most rows one bulk request may carry (bigger files are split by the caller). */
    @WithDefault("20000")
    @Positive
    @Max(1_000_000)
    int bulkMaxRows();

    /** Rows stored per insert of a bulk request (each chunk is one unordered insertMany). */
    @WithDefault("500")
    @Positive
    @Max(10_000)
    int bulkChunkRows();
}
