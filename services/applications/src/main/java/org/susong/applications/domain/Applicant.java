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
                        AccountChange pendingChange, Instant registeredAt, String registeredBy, long version) {

    public Applicant {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
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
        return new Applicant(uscc, trimmed, type, district, override, contact, certifications, null, first, now, actor, 1);
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
                registeredAt, registeredBy, version + 1);
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
                current.bankAccount, change, registeredAt, registeredBy, current.version + 1);
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("bankAccount", describe(current.bankAccount) + " -> " + describe(account));
        changes.put("changeId", changeId);
        if (current.pendingChange != null) {
            changes.put("supersedes", current.pendingChange.id());
        }
        return new Changed(next, new AuditEntry(current.version + 1, now, maker, "BANK_ACCOUNT_CHANGE_REQUESTED", changes));
    }

    /**
     * Any officer of the district (the maker withdrawing it too: dropping a change needs no second pair of eyes)
     * rejects a change not yet effective - unapproved, or approved and in its cooling-off, which cancels it. The
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
                null, registeredAt, registeredBy, version + 1);
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
                approved, registeredAt, registeredBy, version + 1);
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
                promoted.bankAccount, null, registeredAt, registeredBy, version + 1);
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
                null, registeredAt, registeredBy, version);
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
