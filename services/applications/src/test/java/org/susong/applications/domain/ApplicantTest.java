package org.susong.applications.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;

class ApplicantTest {

    private static final Instant T0 = Instant.parse("2026-11-29T01:00:00Z");
    private static final String NAME = "厦门示例科技有限公司（湖里）";
    private static final BankAccount ACCOUNT = new BankAccount("厦门示例科技有限公司(湖里)", "3515 0198 0101 0000 1234",
            "105393000015", "CCB Xiamen", null);

    private static Applicant registered(BankAccount account) {
        return Applicant.register(Uscc.parse("91350200MA31G8Q17K"), NAME, ApplicantType.ENTERPRISE, District.HULI, null,
                false, "maker;officer;HULI;", "maker", T0, new Contact("Li Wei", "0592-1234567", "li@example.cn"), List.of(), account,
                account == null ? null : "BAC-0");
    }

    @Test
    void the_first_account_given_at_registration_waits_for_a_second_officer_and_the_cooling_off() {
        Applicant applicant = registered(ACCOUNT);
        assertNull(applicant.bankAccount(), "not effective on the registrant's word");
        assertEquals("35150198010100001234", applicant.pendingChange().account().accountNumber(), "spaces dropped");
        assertEquals("****************1234", applicant.pendingChange().account().maskedNumber());
        assertEquals(1, applicant.version());
        assertEquals("REGISTERED", applicant.registrationAudit().action());
        assertEquals("BAC-0", applicant.registrationAudit().changes().get("changeId"));
        assertNull(applicant.promote(T0.plus(Duration.ofDays(30))).bankAccount(), "not approved: never effective");

        InvalidInput sameOfficer = assertThrows(InvalidInput.class, () -> applicant.approveAccountChange("BAC-0",
                "maker;officer;HULI;", "maker", T0.plusSeconds(60), Duration.ofDays(3)));
        assertEquals("approvedBy", sameOfficer.field());
        Applicant approved = applicant.approveAccountChange("BAC-0", "checker;officer;HULI;", "checker", T0.plusSeconds(60),
                Duration.ofDays(3)).applicant();
        assertNull(approved.promote(T0.plusSeconds(60).plus(Duration.ofDays(3)).minusSeconds(1)).bankAccount());
        assertEquals("35150198010100001234", approved.promote(T0.plusSeconds(60).plus(Duration.ofDays(3))).bankAccount()
                .accountNumber());
    }

    @Test
    void an_account_must_carry_the_registered_name_and_a_twelve_digit_cnaps_code() {
        InvalidInput name = assertThrows(InvalidInput.class, () -> registered(new BankAccount("Someone Else Ltd",
                "35150198010100001234", "105393000015", null, null)));
        assertEquals("bankAccount.accountName", name.field());
        InvalidInput code = assertThrows(InvalidInput.class, () -> registered(new BankAccount(NAME,
                "35150198010100001234", "10539300001", null, null)));
        assertEquals("bankAccount.bankCode", code.field());
        InvalidInput number = assertThrows(InvalidInput.class, () -> registered(new BankAccount(NAME, "12AB", "105393000015",
                null, null)));
        assertEquals("bankAccount.accountNumber", number.field());
    }

    @Test
    void a_later_account_needs_a_second_officer_and_takes_effect_after_the_cooling_off() {
        Applicant applicant = registered(null);
        BankAccount proposed = new BankAccount(NAME, "6222020200001234567", "102393000019", "ICBC Xiamen", null);
        Applicant.Changed requested = applicant.requestAccountChange("BAC-1", proposed, "maker;officer;HULI;", "maker", T0);
        assertEquals(2, requested.applicant().version());
        assertNull(requested.applicant().promote(T0.plusSeconds(3600 * 24 * 30)).bankAccount(), "not approved: never effective");

        InvalidInput sameOfficer = assertThrows(InvalidInput.class, () -> requested.applicant()
                .approveAccountChange("BAC-1", "maker;officer;HULI;", "maker", T0.plusSeconds(60), Duration.ofDays(3)));
        assertEquals("approvedBy", sameOfficer.field());

        Applicant.Changed approved = requested.applicant().approveAccountChange("BAC-1", "checker;officer;HULI;", "checker",
                T0.plusSeconds(60), Duration.ofDays(3));
        assertEquals(3, approved.applicant().version());
        assertNull(approved.applicant().promote(T0.plusSeconds(60).plus(Duration.ofDays(3)).minusSeconds(1)).bankAccount());
        assertEquals("6222020200001234567", approved.applicant().promote(T0.plusSeconds(60).plus(Duration.ofDays(3))).bankAccount()
                .accountNumber());

        Applicant.Changed effective = approved.applicant().takeEffect(T0.plus(Duration.ofDays(4)));
        assertEquals(4, effective.applicant().version());
        assertNull(effective.applicant().pendingChange());
        assertEquals("BANK_ACCOUNT_EFFECTIVE", effective.audit().action());
        assertEquals("none -> 102393000019 ***************4567", effective.audit().changes().get("bankAccount"));
    }

    /** Issue 23 item 6 (applications' maker-checker): the user is compared whole, never a part of the joined actor. */
    @Test
    void a_maker_whose_user_id_contains_a_semicolon_cannot_approve_its_own_change() {
        Applicant requested = registered(null).requestAccountChange("BAC-1", ACCOUNT, "evil;x;officer;HULI;", "evil;x", T0)
                .applicant();
        InvalidInput self = assertThrows(InvalidInput.class, () -> requested.approveAccountChange("BAC-1",
                "evil;x;officer;HULI;", "evil;x", T0.plusSeconds(60), Duration.ofDays(3)));
        assertEquals("approvedBy", self.field());
        // another officer whose id happens to be the maker's up to the semicolon is another person
        assertNotNull(requested.approveAccountChange("BAC-1", "evil;officer;HULI;", "evil", T0.plusSeconds(60),
                Duration.ofDays(3)).applicant().pendingChange().approvedBy());
    }

    @Test
    void a_change_stored_before_the_maker_id_is_never_approved_it_is_requested_again() {
        AccountChange legacy = new AccountChange("BAC-9", ACCOUNT, "evil;x;officer;HULI;", null, T0, null, null, null);
        assertTrue(legacy.legacy());
        InvalidInput refused = assertThrows(InvalidInput.class, () -> legacy.approve("other;officer;HULI;", "other",
                T0.plusSeconds(60), Duration.ofDays(3)));
        assertEquals("changeId", refused.field());
        assertEquals("maker", new AccountChange("BAC-9", ACCOUNT, "maker;officer,x;y;HULI;", "maker", T0, null, null, null)
                .requestedByUser());
    }

    @Test
    void a_second_change_replaces_an_unapproved_first_but_waits_for_an_approved_one() {
        Applicant requested = registered(null).requestAccountChange("BAC-1", ACCOUNT, "maker;officer;;", "maker", T0).applicant();
        Applicant.Changed replaced = requested.requestAccountChange("BAC-2", ACCOUNT, "maker;officer;;", "maker", T0);
        assertEquals("BAC-2", replaced.applicant().pendingChange().id());
        assertEquals("BAC-1", replaced.audit().changes().get("supersedes"));
        Applicant approved = replaced.applicant().approveAccountChange("BAC-2", "checker;officer;;", "checker", T0,
                Duration.ofDays(3)).applicant();
        InvalidInput pending = assertThrows(InvalidInput.class, () -> approved.requestAccountChange("BAC-3", ACCOUNT,
                "maker;officer;;", "maker", T0.plusSeconds(60)));
        assertEquals("bankAccount", pending.field());
    }

    @Test
    void a_change_not_yet_effective_is_rejected_with_a_reason_and_an_effective_one_is_not() {
        Applicant requested = registered(ACCOUNT);
        assertEquals("reason", assertThrows(InvalidInput.class, () -> requested.rejectAccountChange("BAC-0", " ",
                "maker;officer;;", T0)).field());
        Applicant.Changed withdrawn = requested.rejectAccountChange("BAC-0", "typo", "maker;officer;;", T0);
        assertNull(withdrawn.applicant().pendingChange());
        assertEquals("BANK_ACCOUNT_CHANGE_REJECTED", withdrawn.audit().action());
        assertEquals("typo", withdrawn.audit().changes().get("reason"));

        Applicant approved = requested.approveAccountChange("BAC-0", "checker;officer;;", "checker", T0,
                Duration.ofDays(3)).applicant();
        assertNull(approved.rejectAccountChange("BAC-0", "objected", "o;officer;;", T0.plus(Duration.ofDays(2)))
                .applicant().promote(T0.plus(Duration.ofDays(4))).bankAccount(), "cancelled in its cooling-off");
        assertEquals("changeId", assertThrows(InvalidInput.class, () -> approved.rejectAccountChange("BAC-0", "late",
                "o;officer;;", T0.plus(Duration.ofDays(3)))).field(), "effective: too late to reject");
    }

    @Test
    void an_update_that_changes_nothing_keeps_the_version_and_a_change_is_audited() {
        Applicant applicant = registered(null);
        Applicant.Changed same = applicant.update(null, applicant.contact(), List.of(), "u", T0, "UPDATED");
        assertSame(applicant, same.applicant());
        assertNull(same.audit());
        Applicant.Changed changed = applicant.update(null, null, List.of(new Certification("HIGH_TECH_ENTERPRISE",
                "GR202435100123", 2024)), "u", T0, "UPDATED");
        assertEquals(2, changed.applicant().version());
        assertNotNull(changed.audit().changes().get("certifications"));
    }

    /** Issue 20 item 6: a rename holds the saved account under the old name and cancels a change under it not yet effective. */
    @Test
    void a_rename_holds_the_account_under_the_old_name_and_cancels_a_pending_change_under_it() {
        Applicant effective = registered(ACCOUNT).approveAccountChange("BAC-0", "checker;officer;HULI;", "checker",
                T0.plusSeconds(60), Duration.ofDays(3)).applicant().takeEffect(T0.plus(Duration.ofDays(4))).applicant();
        assertNotNull(effective.payableAccount());
        Applicant withChange = effective.requestAccountChange("BAC-1", new BankAccount(NAME, "35150198010100005678",
                "105393000015", null, null), "maker;officer;HULI;", "maker", T0.plus(Duration.ofDays(5))).applicant();
        Applicant proposed = withChange.proposeRegistrationChange("ARC-1", "厦门新名科技有限公司", null, "renamed",
                "XM-AMR-1", "maker;officer;HULI;", "maker", T0.plus(Duration.ofDays(6))).applicant();
        assertEquals(NAME, proposed.name(), "proposed only");
        InvalidInput maker = assertThrows(InvalidInput.class, () -> proposed.approveRegistrationChange("ARC-1",
                "maker;officer;HULI;", "maker", T0.plus(Duration.ofDays(6))));
        assertEquals("approvedBy", maker.field());

        Applicant.Approved approved = proposed.approveRegistrationChange("ARC-1", "checker;officer;HULI;", "checker",
                T0.plus(Duration.ofDays(7)));
        Applicant renamed = approved.applicant();
        assertEquals("厦门新名科技有限公司", renamed.name());
        assertNull(renamed.pendingChange(), "a change under the old name could never be paid: cancelled");
        assertEquals("BAC-1 (under the old name)", approved.audit().changes().get("bankAccountChangeCancelled"));
        assertEquals("35150198010100001234", renamed.bankAccount().accountNumber(), "kept");
        assertNull(renamed.payableAccount(), "but held until re-confirmed under the new name");
        assertTrue(renamed.accountReconfirmationRequired());
        assertTrue(((ApplicantEvent.Renamed) approved.event()).accountReconfirmationRequired());
        assertEquals(List.of(NAME, "厦门新名科技有限公司"), renamed.registrationHistory().stream()
                .filter(v -> v.field() == RegisteredValue.Field.NAME).map(RegisteredValue::value).toList());
        assertEquals(T0.plus(Duration.ofDays(7)), renamed.registrationHistory().get(2).effectiveFrom());

        Applicant reconfirmed = renamed.requestAccountChange("BAC-2", new BankAccount("厦门新名科技有限公司",
                        "35150198010100001234", "105393000015", null, null), "maker;officer;HULI;", "maker",
                T0.plus(Duration.ofDays(8))).applicant()
                .approveAccountChange("BAC-2", "checker;officer;HULI;", "checker", T0.plus(Duration.ofDays(8)),
                        Duration.ofDays(3)).applicant().takeEffect(T0.plus(Duration.ofDays(12))).applicant();
        assertNotNull(reconfirmed.payableAccount());
    }
}
