package org.susong.eligibility.persistence;

/** Deterministic ids: a redelivered event maps to the same decision, proposal or revocation (never two). */
public final class DecisionIds {

    private DecisionIds() {
    }

    /** {@code D-<applicationId>}: 25 characters for application ids of the platform, within bank-file limits. */
    public static String forApplication(String applicationId) {
        return "D-" + applicationId;
    }

    /** {@code D-<applicationId>-R<n>}: the n-th re-decision (appeal) of an application. */
    public static String forRound(String applicationId, int round) {
        return round == 0 ? forApplication(applicationId) : forApplication(applicationId) + "-R" + round;
    }

    /** {@code AP-<contractId>-<seq>}. */
    public static String proposal(String contractId, int seq) {
        return "AP-" + contractId + "-" + seq;
    }

    /** The contract id inside a proposal id, or null when it is not one. */
    public static String contractOfProposal(String proposalId) {
        if (proposalId == null || !proposalId.startsWith("AP-") || proposalId.lastIndexOf('-') <= 3) {
            return null;
        }
        return proposalId.substring(3, proposalId.lastIndexOf('-'));
    }

    /** {@code RV-<decisionId>-<n>}. */
    public static String revocation(String decisionId, int n) {
        return "RV-" + decisionId + "-" + n;
    }
}
