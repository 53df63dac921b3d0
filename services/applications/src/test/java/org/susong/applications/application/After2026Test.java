package org.susong.applications.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.susong.applications.config.ApplicationsConfig;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.EarlyFacts;
import org.susong.applications.persistence.MeasureProjection;
import org.susong.applications.persistence.PendingProposals;
import org.susong.commons.idempotency.IdempotencyInFlight;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Issue 24 item 5, after 2026: every measure of the 2024-2026 policy ends on 2026-12-31, so from 2027-01-01 on
 * (Asia/Shanghai business date) no new application is taken; the door says so (422 naming measureCode) instead of
 * storing an application for the business year 2027, outside the measure's window, for eligibility to reject.
 * Two instances of the service class, one whose clock reads the window's last day and one after it.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class After2026Test {

    /** The service's business clock (%test: 2026-06-15): test dates read it, never the machine's. */
    @Inject
    DistrictMoves districtMoves;
    @Inject
    java.time.Clock businessClock;

    static final String MEASURE = "Z24";

    @Inject
    ApplicantRepository applicants;
    @Inject
    ApplicationRepository applications;
    @Inject
    MeasureProjection measures;
    @Inject
    EarlyFacts earlyFacts;
    @Inject
    PendingProposals pendingProposals;
    @Inject
    LifecycleService lifecycle;
    @Inject
    FactsValidator validator;
    @Inject
    IdempotencyInFlight inFlight;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper json;
    @Inject
    ApplicationsConfig config;

    ApplicationService on(String shanghaiDateTime) {
        Clock clock = Clock.fixed(java.time.LocalDateTime.parse(shanghaiDateTime).atZone(BusinessClock.ZONE).toInstant(),
                BusinessClock.ZONE);
        return new ApplicationService(applicants, applications, measures, earlyFacts, pendingProposals, lifecycle, validator,
                inFlight, relay, json, clock, config, districtMoves);
    }

    String registered(int n) {
        String uscc = Usccs.valid("MX", n);
        Applicant applicant = Applicant.register(Uscc.parse(uscc), "厦门二〇二七科技有限公司 " + n, ApplicantType.ENTERPRISE,
                District.HULI, null, true, "officer-1;officer;HULI;", businessClock.instant());
        assertTrue(applicants.insert(applicant, applicant.registrationAudit()));
        return uscc;
    }

    @Test
    void no_new_application_is_taken_after_the_measures_window_ends_on_2026_12_31() {
        measures.upsert(new MeasureProjection.Measure(MEASURE, 1, "OPEN", List.of(), null, LocalDate.of(2024, 1, 1),
                LocalDate.of(2026, 12, 31)));
        Principal officer = new Principal("o-huli", Set.of(Principal.OFFICER), Optional.of("HULI"), Optional.empty());

        ApplicationService lastDay = on("2026-12-31T23:30:00");
        String taken = lastDay.submit(officer, new ApplicationService.SubmitCommand(registered(1), MEASURE, null,
                Map.of(), List.of(), false), null).id();
        assertEquals("2026", applications.find(taken).orElseThrow().application().period());

        ApplicationService after = on("2027-01-01T00:30:00");
        ProblemException refused = assertThrows(ProblemException.class, () -> after.submit(officer,
                new ApplicationService.SubmitCommand(registered(2), MEASURE, null, Map.of(), List.of(), false), null));
        assertEquals(422, refused.status());
        assertEquals("measureCode", refused.field());
        assertTrue(refused.getMessage().contains("2026-12-31"), refused.getMessage());
    }
}
