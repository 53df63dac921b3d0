package org.susong.portal.client;

/**
 * Applications' {@code ApplicantResource.PendingChangeView} ({@code GET /applicants/pending-changes}): an applicant with
 * a bank-account change or a registration change waiting, as {@code GET /applicants/{uscc}} shows it (numbers masked).
 */
public record PendingChange(String uscc, String name, String type, String district,
                            ApplicantRecord.AccountChange pendingBankAccountChange,
                            ApplicantRecord.RegistrationChange pendingRegistrationChange) {
}
