package org.susong.eligibility.domain;

/** A party of a technology contract: the one B3 rewards is configured ({@code susong.eligibility.b3b.rewarded-party}). */
public enum ContractParty {
    SELLER,
    BUYER;

    /** The party a configured text names: BUYER in any case, SELLER for anything else (the default, as before). */
    public static ContractParty rewarded(String configured) {
        return BUYER.name().equalsIgnoreCase(configured) ? BUYER : SELLER;
    }
}
