package org.susong.portal.client;

/**
 * Applications' {@code ApplicantResource.PendingChangeView} ({@code GET /applicants/pending-changes}): an applicant with
 * a bank-account change or a registration change waiting, as {@code GET /applicants/{uscc}} shows it (numbers masked).
 */
public record PendingChange(String uscc, String name, String type, String district,
                            ApplicantRecord.AccountChange pendingBankAccountChange,
                            ApplicantRecord.RegistrationChange pendingRegistrationChange) {

    /**
     * Whether the applicant itself requested the account change (the portal's form), not an officer: the checker then
     * verifies the account against written evidence. Read from the maker's actor ({@code user;roles;district;uscc}),
     * for display only: the service decides maker-checker by principal id.
     */
    public boolean requestedByApplicant() {
        String by = pendingBankAccountChange == null ? null : pendingBankAccountChange.requestedBy();
        String[] actor = by == null ? new String[0] : by.split(";", -1);
        // the roles are the actor's second part, joined by commas (a token carries others beside it: default roles)
        return actor.length >= 2 && java.util.Arrays.asList(actor[1].split(",")).contains("applicant")
                && !java.util.Arrays.asList(actor[1].split(",")).contains("officer");
    }

    /** Whether {@code user} requested the account change (the page then offers no approval; the service refuses it anyway). */
    public boolean requestedBy(String user) {
        String by = pendingBankAccountChange == null ? null : pendingBankAccountChange.requestedBy();
        return by != null && user != null && by.startsWith(user + ";");
    }
}
