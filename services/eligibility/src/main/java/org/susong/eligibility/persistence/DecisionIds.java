package org.susong.eligibility.persistence;

/** Deterministic decision ids: a redelivered submission maps to the same decision (never two). */
public final class DecisionIds {

    private DecisionIds() {
    }

    /** {@code D-<applicationId>}: 25 characters for application ids of the platform, within bank-file limits. */
    public static String forApplication(String applicationId) {
        return "D-" + applicationId;
    }
}
