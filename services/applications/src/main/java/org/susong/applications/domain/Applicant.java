package org.susong.applications.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;

/**
 * A beneficiary known to the platform, identified by its unified social credit code. A code that
 * fails its check character is only registered with an officer's override and reason. Every change
 * produces a new version and an {@link AuditEntry}; the bank account is set and changed only through
 * an {@link AccountChange} (maker-checker and cooling-off), the first one given at registration too.
 */
public record Applicant(Uscc uscc, String name, ApplicantType type, District district, UsccOverride checkOverride,
                        Contact contact, List<Certification> certifications, BankAccount bankAccount,
                        AccountChange pendingChange, Instant registeredAt, String registeredBy, long version,
                        RegistrationChange pendingRegistrationChange, List<RegisteredValue> registrationHistory) {

    public Applicant {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        registrationHistory = registrationHistory == null ? List.of() : List.copyOf(registrationHistory);
    }

    /** A changed applicant and the audit entry of the change. */
    public record Changed(Applicant applicant, AuditEntry audit) {
    }

    /**
     * Registers an applicant. A failed check character needs an officer and a reason.
     *
     * @throws UsccOverride.UsccCheckFailed when the check fails and no acceptable override is given
     */
    public static Applicant register(Uscc uscc, String name, ApplicantType type, District district, String overrideReason,
                                     boolean actorIsOfficer, String actor, Instant now) {
        return register(uscc, name, type, district, overrideReason, actorIsOfficer, actor, null, now, null, List.of(), null, null);
    }

    /**
     * Registration with contact, certifications and (optionally) the first bank account. The first account is
     * a requested change like any other ({@code firstChangeId}, the registrant - {@code actorUser} - its maker): it takes effect only
     * after a second officer approves it and the cooling-off has passed - never on the registrant's word alone.
     */
    public static Applicant register(Uscc uscc, String name, ApplicantType type, District district, String overrideReason,
                                     boolean actorIsOfficer, String actor, String actorUser, Instant now, Contact contact,
                                     List<Certification> certifications, BankAccount firstAccount, String firstChangeId) {
        UsccOverride override = UsccOverride.require(uscc, "uscc", overrideReason, actorIsOfficer, actor);
        String trimmed = name.trim();
        AccountChange first = firstAccount == null ? null : new AccountChange(firstChangeId, BankAccount.validate(trimmed,
                firstAccount.accountName(), firstAccount.accountNumber(), firstAccount.bankCode(), firstAccount.bankName(),
                null), actor, actorUser, now, null, null, null);
        return new Applicant(uscc, trimmed, type, district, override, contact, certifications, null, first, now, actor, 1,
                null, List.of());
    }

    /** The registration as the first audit entry. */
    public AuditEntry registrationAudit() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("name", name);
        changes.put("type", type.name());
        changes.put("district", district.name());
        if (pendingChange != null) {
            changes.put("bankAccount", "none -> " + describe(pendingChange.account()));
            changes.put("changeId", pendingChange.id());
        }
        return new AuditEntry(1, registeredAt, registeredBy, "REGISTERED", changes);
    }

    /** Changes the descriptive fields; empty changes keep the version. Name and district changes are refused here. */
    public Changed update(ApplicantType newType, Contact newContact, List<Certification> newCertifications, String actor,
                          Instant now, String action) {
        Map<String, String> changes = new LinkedHashMap<>();
        ApplicantType t = newType == null ? type : newType;
        Contact c = newContact == null ? contact : newContact;
        List<Certification> certs = newCertifications == null ? certifications : List.copyOf(newCertifications);
        if (t != type) {
            changes.put("type", type + " -> " + t);
        }
        if (!Objects.equals(c, contact)) {
            changes.put("contact", describe(contact) + " -> " + describe(c));
        }
        if (!certs.equals(certifications)) {
            changes.put("certifications", certifications + " -> " + certs);
        }
        if (changes.isEmpty()) {
            return new Changed(this, null);
        }
        Applicant next = new Applicant(uscc, name, t, district, checkOverride, c, certs, bankAccount, pendingChange,
                registeredAt, registeredBy, version + 1, pendingRegistrationChange, registrationHistory);
        return new Changed(next, new AuditEntry(version + 1, now, actor, action, changes));
    }

    /**
     * Maker: an officer asks for a new account (or the first one after registration). It replaces a pending change
     * nobody approved yet (the history names the one it supersedes); an approved change in its cooling-off is not
     * replaced - it is rejected first ({@link #rejectAccountChange}), so a checker's approval is never undone silently.
     */
    public Changed requestAccountChange(String changeId, BankAccount proposed, String maker, String makerUser, Instant now) {
        if (pendingChange != null && pendingChange.approved() && !pendingChange.effectiveBy(now)) {
            throw new InvalidInput("bankAccount", "bank-account change " + pendingChange.id() + " is approved and takes"
                    + " effect at " + pendingChange.effectiveAt() + "; reject it before requesting another");
        }
        Applicant current = promote(now);
        BankAccount account = BankAccount.validate(name, proposed.accountName(), proposed.accountNumber(),
                proposed.bankCode(), proposed.bankName(), null);
        AccountChange change = new AccountChange(changeId, account, maker, makerUser, now, null, null, null);
        Applicant next = new Applicant(uscc, name, type, district, checkOverride, contact, certifications,
                current.bankAccount, change, registeredAt, registeredBy, current.version + 1, pendingRegistrationChange,
                registrationHistory);
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("bankAccount", describe(current.bankAccount) + " -> " + describe(account));
        changes.put("changeId", changeId);
        if (current.pendingChange != null) {
            changes.put("supersedes", current.pendingChange.id());
        }
        return new Changed(next, new AuditEntry(current.version + 1, now, maker, "BANK_ACCOUNT_CHANGE_REQUESTED", changes));
    }

    /**
     * Any officer of the district (the maker withdrawing it too: dropping a change needs no second pair of eyes), or the
     * applicant withdrawing its own request (the service checks who), rejects a change not yet effective - unapproved, or approved and in its cooling-off, which cancels it. The
     * account in effect stays; the history keeps the rejected change and the reason.
     */
    public Changed rejectAccountChange(String changeId, String reason, String actor, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "a rejection names its reason");
        }
        if (pendingChange == null || !pendingChange.id().equals(changeId)) {
            throw new InvalidInput("changeId", "no bank-account change " + changeId + " is pending");
        }
        if (pendingChange.effectiveBy(now)) {
            throw new InvalidInput("changeId", tookEffect(changeId));
        }
        Applicant next = new Applicant(uscc, name, type, district, checkOverride, contact, certifications, bankAccount,
                null, registeredAt, registeredBy, version + 1, pendingRegistrationChange, registrationHistory);
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("changeId", changeId);
        changes.put("bankAccount", describe(pendingChange.account()) + " rejected" + (pendingChange.approved()
                ? " in its cooling-off" : ""));
        changes.put("reason", reason.strip());
        return new Changed(next, new AuditEntry(version + 1, now, actor, "BANK_ACCOUNT_CHANGE_REJECTED", changes));
    }

    /** Checker: a different officer approves; the account takes effect after the cooling-off period. */
    public Changed approveAccountChange(String changeId, String checker, String checkerUser, Instant now, Duration coolingOff) {
        if (pendingChange == null || !pendingChange.id().equals(changeId)) {
            throw new InvalidInput("changeId", "no pending bank-account change " + changeId);
        }
        AccountChange approved = pendingChange.approve(checker, checkerUser, now, coolingOff);
        Applicant next = new Applicant(uscc, name, type, district, checkOverride, contact, certifications, bankAccount,
                approved, registeredAt, registeredBy, version + 1, pendingRegistrationChange, registrationHistory);
        return new Changed(next.promote(now), new AuditEntry(version + 1, now, checker, "BANK_ACCOUNT_CHANGE_APPROVED",
                Map.of("changeId", changeId, "effectiveAt", approved.effectiveAt().toString())));
    }

    /** Saving the promotion of an approved change whose cooling-off has passed: a new version, audited. */
    public Changed takeEffect(Instant now) {
        Applicant promoted = promote(now);
        if (promoted == this) {
            return new Changed(this, null);
        }
        Applicant next = new Applicant(uscc, name, type, district, checkOverride, contact, certifications,
                promoted.bankAccount, null, registeredAt, registeredBy, version + 1, pendingRegistrationChange,
                registrationHistory);
        return new Changed(next, new AuditEntry(version + 1, now, "system;system;;", "BANK_ACCOUNT_EFFECTIVE",
                Map.of("bankAccount", describe(bankAccount) + " -> " + describe(promoted.bankAccount),
                        "changeId", pendingChange.id())));
    }

    /**
     * The approved change whose cooling-off has passed, as the account: a view for reading only. Nothing pays or releases
     * on it - a rejection may still win against the save - only on {@link #bankAccount} after {@link #takeEffect} is saved.
     */
    public Applicant promote(Instant now) {
        if (pendingChange == null || !pendingChange.effectiveBy(now)) {
            return this;
        }
        return new Applicant(uscc, name, type, district, checkOverride, contact, certifications, pendingChange.account(),
                null, registeredAt, registeredBy, version, pendingRegistrationChange, registrationHistory);
    }

    /**
     * The account payments may be paid to: the saved account, while its holder's name is the registered name (a grant
     * is paid to the beneficiary itself). After a name change the account under the old name is kept but not paid to
     * until it is re-confirmed - a bank-account change under the new name, through maker-checker and cooling-off.
     */
    public BankAccount payableAccount() {
        return bankAccount != null && BankAccount.sameName(bankAccount.accountName(), name) ? bankAccount : null;
    }

    /** The saved account is under another name than the registered one (a name change): it waits for re-confirmation. */
    public boolean accountReconfirmationRequired() {
        return bankAccount != null && payableAccount() == null;
    }

    /** An approved registration change: the applicant, its audit entry and the event it announces. */
    public record Approved(Applicant applicant, AuditEntry audit, ApplicantEvent event) {
    }

    /**
     * Maker: an officer or administrator proposes a new registered name (with the evidence's reference) or district,
     * with a reason; nothing changes until a different person approves it. One proposal at a time: another one waiting
     * is rejected first ({@link #rejectRegistrationChange}).
     */
    public Changed proposeRegistrationChange(String changeId, String newName, District newDistrict, String reason,
                                             String evidenceRef, String maker, String makerUser, Instant now) {
        if ((newName == null) == (newDistrict == null)) {
            throw new InvalidInput("name", "a registration change names either a new name or a new district");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "a registration change names its reason");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("changeId", changeId);
        String trimmed = null;
        String evidence = evidenceRef == null || evidenceRef.isBlank() ? null : evidenceRef.strip();
        if (newName != null) {
            trimmed = newName.strip();
            if (trimmed.isEmpty()) {
                throw new InvalidInput("name", "a new name is not empty");
            }
            if (BankAccount.sameName(trimmed, name)) {
                throw new InvalidInput("name", "the applicant is registered as '" + name + "' already");
            }
            if (evidence == null) {
                throw new InvalidInput("evidenceRef", "a name change names its evidence (the registration authority's"
                        + " notice of the new name)");
            }
            changes.put("name", name + " -> " + trimmed);
            changes.put("evidenceRef", evidence);
        } else {
            if (newDistrict == district) {
                throw new InvalidInput("district", "the applicant is registered in " + district.english() + " already");
            }
            changes.put("district", district.name() + " -> " + newDistrict.name());
        }
        changes.put("reason", reason.strip());
        if (pendingRegistrationChange != null) {
            throw new InvalidInput("pendingRegistrationChange", "registration change " + pendingRegistrationChange.id()
                    + " is waiting for approval; reject it before proposing another");
        }
        RegistrationChange change = new RegistrationChange(changeId, trimmed, newName == null ? newDistrict : null,
                reason.strip(), evidence, maker, makerUser, now);
        Applicant next = new Applicant(uscc, name, type, district, checkOverride, contact, certifications, bankAccount,
                pendingChange, registeredAt, registeredBy, version + 1, change, registrationHistory);
        return new Changed(next, new AuditEntry(version + 1, now, maker, "REGISTRATION_CHANGE_PROPOSED", changes));
    }

    /**
     * Checker: a different person (compared by principal id) approves; the new value is in effect from now and the
     * old one is kept in the history until now. A name change leaves an account under the old name saved but not
     * payable ({@link #payableAccount}) and cancels a bank-account change under the old name not yet effective (it
     * could never be paid); a district change is announced for the open applications to follow.
     */
    public Approved approveRegistrationChange(String changeId, String checker, String checkerUser, Instant now) {
        RegistrationChange change = pendingRegistrationChange;
        if (change == null || !change.id().equals(changeId)) {
            throw new InvalidInput("changeId", "no registration change " + changeId + " is waiting for approval");
        }
        if (change.proposedByUser().equals(checkerUser)) {
            throw new InvalidInput("approvedBy", "the person who proposed a registration change cannot approve it"
                    + " (maker-checker)");
        }
        List<RegisteredValue> history = new java.util.ArrayList<>(registrationHistoryOrRegistration());
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("changeId", changeId);
        String newName = name;
        District newDistrict = district;
        AccountChange keptChange = pendingChange;
        ApplicantEvent event;
        if (change.renames()) {
            newName = change.name();
            history.add(new RegisteredValue(RegisteredValue.Field.NAME, newName, now, changeId));
            changes.put("name", name + " -> " + newName);
            if (keptChange != null && !BankAccount.sameName(keptChange.account().accountName(), newName)) {
                changes.put("bankAccountChangeCancelled", keptChange.id() + " (under the old name)");
                keptChange = null;
            }
        } else {
            newDistrict = change.district();
            history.add(new RegisteredValue(RegisteredValue.Field.DISTRICT, newDistrict.name(), now, changeId));
            changes.put("district", district.name() + " -> " + newDistrict.name());
        }
        Applicant next = new Applicant(uscc, newName, type, newDistrict, checkOverride, contact, certifications,
                bankAccount, keptChange, registeredAt, registeredBy, version + 1, null, history);
        if (change.renames()) {
            if (next.accountReconfirmationRequired()) {
                changes.put("bankAccount", describe(bankAccount) + " held: its name is not the registered name; re-confirm"
                        + " it under the new name");
            }
            event = new ApplicantEvent.Renamed(uscc.value(), changeId, name, newName, change.reason(), change.evidenceRef(),
                    change.proposedBy(), checker, now, next.accountReconfirmationRequired());
        } else {
            event = new ApplicantEvent.DistrictChanged(uscc.value(), changeId, district, newDistrict, change.reason(),
                    change.proposedBy(), checker, now);
        }
        return new Approved(next, new AuditEntry(version + 1, now, checker, "REGISTRATION_CHANGE_APPROVED", changes), event);
    }

    /** Anyone who may propose (the maker too) drops a waiting registration change, with a reason kept in the history. */
    public Changed rejectRegistrationChange(String changeId, String reason, String actor, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "a rejection names its reason");
        }
        if (pendingRegistrationChange == null || !pendingRegistrationChange.id().equals(changeId)) {
            throw new InvalidInput("changeId", "no registration change " + changeId + " is waiting for approval");
        }
        Applicant next = new Applicant(uscc, name, type, district, checkOverride, contact, certifications, bankAccount,
                pendingChange, registeredAt, registeredBy, version + 1, null, registrationHistory);
        return new Changed(next, new AuditEntry(version + 1, now, actor, "REGISTRATION_CHANGE_REJECTED",
                Map.of("changeId", changeId, "reason", reason.strip())));
    }

    /**
     * The names and districts the applicant was registered under, oldest first; before any change, the values given at
     * registration (from the registration time).
     */
    public List<RegisteredValue> registrationHistoryOrRegistration() {
        if (!registrationHistory.isEmpty()) {
            return registrationHistory;
        }
        return List.of(new RegisteredValue(RegisteredValue.Field.NAME, name, registeredAt, null),
                new RegisteredValue(RegisteredValue.Field.DISTRICT, district.name(), registeredAt, null));
    }

    /** The approved change that set the current district; empty while it is the one given at registration. */
    public java.util.Optional<String> districtChangeId() {
        return registrationHistory.stream().filter(v -> v.field() == RegisteredValue.Field.DISTRICT)
                .reduce((a, b) -> b).map(RegisteredValue::changeId);
    }

    /** Why a change can no longer be rejected once its cooling-off is over. */
    public static String tookEffect(String changeId) {
        return "bank-account change " + changeId + " has already taken effect (its cooling-off is over); request a new"
                + " change to replace the account";
    }

    private static String describe(BankAccount account) {
        return account == null ? "none" : account.bankCode() + " " + account.maskedNumber();
    }

    private static String describe(Contact contact) {
        return contact == null ? "none" : contact.person() + " " + contact.phone() + " " + contact.email();
    }
}
