package org.susong.applications.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.District;

/** Issue 20 item 5: the domain rules of a resubmission, one rejected application at a time. */
class ResubmissionRulesTest {

    private static final Instant T0 = Instant.parse("2026-06-15T01:00:00Z");
    private static final String USCC = "91350100M000100Y43";

    private static Application rejected() {
        return Application.submit("APP-1", USCC, "B1", District.HULI, "2026", Map.of("project", "P"), List.of(), T0,
                "u;applicant;;", "request:1", null).application()
                .record(new Fact("e1", "DECIDED_REJECTED", ApplicationStatus.REJECTED, T0.plusSeconds(10), "eligibility",
                        "no", 0, "D-APP-1"));
    }

    @Test
    void a_rejected_application_is_closed_by_its_resubmission_which_names_it_and_frees_nothing_else() {
        Application.Transition closed = rejected().closeByResubmission("APP-2", T0.plusSeconds(20), "u;applicant;;");

        assertEquals(ApplicationStatus.CLOSED, closed.application().status());
        assertFalse(closed.application().status().open(), "the period is freed for the resubmission");
        assertEquals(Optional.of("APP-2"), closed.application().resubmittedAs());
        assertEquals(List.of(), closed.events(), "the resubmission's own ApplicationSubmitted announces the link");
        assertThrows(IllegalTransition.class, () -> closed.application().appeal("late", List.of(), "u", T0.plusSeconds(30), "r:2"));
        IllegalTransition twice = assertThrows(IllegalTransition.class, () -> closed.application()
                .closeByResubmission("APP-3", T0.plusSeconds(30), "u"));
        assertTrue(twice.getMessage().contains("APP-2"), twice.getMessage());
    }

    @Test
    void only_a_rejected_application_without_a_pending_withdrawal_is_resubmitted() {
        Application submitted = Application.submit("APP-1", USCC, "B1", District.HULI, Map.of(), T0, "u", "request:1")
                .application();
        assertThrows(IllegalTransition.class, () -> submitted.closeByResubmission("APP-2", T0, "u"));
        Application withdrawing = rejected().requestWithdrawal("moved", "u", T0.plusSeconds(20), "r:w").application();
        assertThrows(IllegalTransition.class, () -> withdrawing.closeByResubmission("APP-2", T0.plusSeconds(30), "u"));
        Application appealed = rejected().appeal("renewed", List.of(), "u", T0.plusSeconds(20), "r:a").application();
        assertThrows(IllegalTransition.class, () -> appealed.closeByResubmission("APP-2", T0.plusSeconds(30), "u"));
    }

    @Test
    void the_resubmission_is_submitted_and_its_event_names_the_rejected_application() {
        Application.Submission submission = Application.resubmit("APP-2", "APP-1", USCC, "B1", District.JIMEI, "2026",
                Map.of("project", "P2"), List.of(), T0, "u", "request:k");

        assertEquals(ApplicationStatus.SUBMITTED, submission.application().status());
        assertEquals(Optional.of("APP-1"), submission.application().resubmissionOf());
        assertEquals("APP-1", submission.event().resubmissionOf());
        assertEquals(District.JIMEI, submission.event().district());
        assertEquals(Optional.empty(), rejected().resubmissionOf());
        assertEquals(null, Application.submit("APP-3", USCC, "B1", District.HULI, Map.of(), T0, "u", "r")
                .event().resubmissionOf());
    }

    /**
     * Issue 19 item 3 (C1, found by the second reader of the call rounds): a not-funded application to a call may still
     * be funded by a later round of its call, so it is not resubmitted (a resubmission beside it could be funded too).
     */
    @Test
    void an_application_to_a_call_is_not_resubmitted() {
        Application ranked = Application.submit("APP-9", USCC, "C1", District.HULI, "2026", Map.of("callId", "CALL-C1-1",
                        "stage", "GROWTH"), List.of(), T0, "u;applicant;;", "request:9", null).application()
                .record(new Fact("e9", "DECIDED_REJECTED", ApplicationStatus.REJECTED, T0.plusSeconds(10), "eligibility",
                        "not funded", 0, "D-APP-9"));
        IllegalTransition refused = assertThrows(IllegalTransition.class, ranked::requireResubmittable);
        assertTrue(refused.getMessage().contains("call CALL-C1-1"), refused.getMessage());
        assertThrows(IllegalTransition.class, () -> ranked.closeByResubmission("APP-10", T0.plusSeconds(20), "u"));
        rejected().requireResubmittable(); // an application to no call still is
    }
}
