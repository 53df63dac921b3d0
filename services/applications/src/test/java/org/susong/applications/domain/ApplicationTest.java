package org.susong.applications.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;

class ApplicationTest {

    private static final Instant T0 = Instant.parse("2026-11-29T01:00:00Z");

    private static Application submitted() {
        return Application.submit("APP-1", "91350100M000100Y43", "B1", District.HULI, Map.of("category", "HIGH_TECH_ENTERPRISE"),
                T0, "u;applicant;;", "request:1").application();
    }

    @Test
    void a_new_application_is_submitted_and_says_so_in_its_event() {
        Application.Submission submission = Application.submit("APP-1", "91350100M000100Y43", "B1", District.HULI,
                Map.of(), T0, "u", "request:1");
        assertEquals(ApplicationStatus.SUBMITTED, submission.application().status());
        assertEquals("APP-1", submission.event().applicationId());
        assertEquals(1, submission.application().timeline().size());
    }

    @Test
    void status_follows_the_highest_fact_whatever_the_arrival_order() {
        Fact paid = new Fact("e3", "PAYMENT_DISBURSED", ApplicationStatus.PAID, T0.plusSeconds(30), "payments", "paid");
        Fact approved = new Fact("e1", "DECIDED_APPROVED", ApplicationStatus.APPROVED, T0.plusSeconds(10), "eligibility", "ok");
        Fact reserved = new Fact("e2", "BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, T0.plusSeconds(20), "payments", "r");

        Application paymentFirst = submitted().record(paid).record(reserved).record(approved);
        Application inOrder = submitted().record(approved).record(reserved).record(paid);

        assertEquals(ApplicationStatus.PAID, paymentFirst.status());
        assertEquals(inOrder.timeline(), paymentFirst.timeline(), "the timeline is ordered by time, not by arrival");
    }

    @Test
    void the_same_fact_twice_changes_nothing() {
        Fact approved = new Fact("e1", "DECIDED_APPROVED", ApplicationStatus.APPROVED, T0.plusSeconds(10), "eligibility", "ok");
        Application once = submitted().record(approved);
        assertSame(once, once.record(approved));
        assertEquals(2, once.timeline().size());
    }

    @Test
    void a_code_failing_its_check_character_needs_an_officer_and_a_reason() {
        Uscc wrongCheck = Uscc.parse("91350100M000100Y44");
        org.susong.commons.ids.UsccOverride.UsccCheckFailed failed = assertThrows(
                org.susong.commons.ids.UsccOverride.UsccCheckFailed.class, () -> Applicant.register(wrongCheck,
                "Pilot Co", ApplicantType.ENTERPRISE, District.SIMING, "pilot-era code", false, "applicant", T0));
        assertEquals('3', failed.expected());
        assertThrows(org.susong.commons.ids.UsccOverride.UsccCheckFailed.class, () -> Applicant.register(wrongCheck, "Pilot Co",
                ApplicantType.ENTERPRISE, District.SIMING, " ", true, "officer", T0));

        Applicant accepted = Applicant.register(wrongCheck, "Pilot Co", ApplicantType.ENTERPRISE, District.SIMING,
                "pilot-era code on the 2015 licence", true, "officer-1", T0);
        assertEquals("pilot-era code on the 2015 licence", accepted.checkOverride().reason());
        assertEquals('3', accepted.checkOverride().expected());
    }
}
