package org.susong.portal.client;

import java.util.List;

/**
 * Applications' {@code ApplicantResource.ApplicantView} ({@code GET /applicants/{uscc}}): the registration, the
 * contact and certifications, the bank account as the service masks it ({@code AccountView.accountNumberMasked}; the
 * full number never reaches the portal), the pending bank-account change ({@code AccountChangeView}: requested by an
 * officer, approved by a different one, then effective after the cooling-off), the pending registration change and
 * the names and districts registered over time ({@code RegisteredValueView}). Times stay the API's ISO-8601 text.
 */
public record ApplicantRecord(String uscc, String name, String type, String district, Contact contact,
                              List<Certification> certifications, Account bankAccount,
                              AccountChange pendingBankAccountChange, long version, String registeredAt,
                              boolean bankAccountReconfirmationRequired,
                              RegistrationChange pendingRegistrationChange,
                              List<RegisteredValue> registrationHistory) {

    public ApplicantRecord {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        registrationHistory = registrationHistory == null ? List.of() : List.copyOf(registrationHistory);
    }

    /** {@code ContactView}. */
    public record Contact(String person, String phone, String email) {
    }

    /** {@code CertificationView}. */
    public record Certification(String kind, String number, Integer year) {
    }

    /** {@code AccountView}: the number as the service masks it. */
    public record Account(String accountName, String accountNumberMasked, String bankCode, String bankName,
                          String effectiveAt) {
    }

    /** {@code AccountChangeView}: approved when {@code approvedBy} is set, effective at {@code effectiveAt}. */
    public record AccountChange(String id, Account account, String requestedBy, String requestedAt, String approvedBy,
                                String approvedAt, String effectiveAt) {

        /**
         * Whether {@code user} requested it (the maker's actor starts with the user id): the applicant withdraws only
         * its own requests. For display only: the service decides by principal id.
         */
        public boolean requestedBy(String user) {
            return requestedBy != null && user != null && requestedBy.startsWith(user + ";");
        }

        /** Waiting for a second officer (the checker): nobody approved it yet. */
        public boolean awaitingApproval() {
            return approvedBy == null;
        }
    }

    /** {@code RegistrationChangeView}: a new name or district waiting for a second person's approval. */
    public record RegistrationChange(String id, String name, String district, String reason, String evidenceRef,
                                     String proposedBy, String proposedAt) {
    }

    /** {@code RegisteredValueView}: a name or district ({@code field}) from {@code effectiveFrom} until {@code effectiveUntil}. */
    public record RegisteredValue(String field, String value, String effectiveFrom, String effectiveUntil,
                                  String changeId) {
    }
}
