package org.susong.applications.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.applications.config.ApplicationsConfig;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.ApplicationViews;
import org.susong.applications.persistence.EarlyFacts;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Issue 23 item 4, found by a second reader: a bank-account change an officer rejected could still be paid. The
 * payee snapshot read an approved change past its {@code effectiveAt} as the account on the local clock, and wrote
 * only the application; the rejection, allowed up to {@code effectiveAt}, was fenced only by the applicant's version.
 * Two replicas whose clocks are apart (or one rejection whose time check comes just before E and whose write lands
 * after it) each saw their own truth. Here: one service instance whose clock reads E takes the snapshot, then one
 * whose clock reads E - 1 ms rejects the change; both are this test's instances with a clock it moves.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class RejectedAccountChangeTest {

    /** The service's business clock (%test: 2026-06-15): test dates read it, never the machine's. */
    @Inject
    DistrictMoves districtMoves;
    @Inject
    java.time.Clock businessClock;

    @Inject
    ApplicantRepository applicants;
    @Inject
    ApplicationRepository applicationRepository;
    @Inject
    EarlyFacts earlyFacts;
    @Inject
    ApplicationViews views;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper json;
    @Inject
    ApplicationService applicationService;
    @Inject
    LifecycleService lifecycle;
    @Inject
    ApplicationsConfig config;
    @Inject
    MongoClient mongo;
    @Inject
    org.susong.commons.security.FieldCipher cipher;

    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static String uscc(int n) {
        return Usccs.valid("MK", n);
    }

    @Test
    void a_change_rejected_by_a_clock_just_before_its_effect_is_never_in_a_payee_snapshot() {
        String uscc = uscc(1);
        Instant t0 = businessClock.instant();
        Applicant registered = Applicant.register(Uscc.parse(uscc), "厦门驳回科技有限公司", ApplicantType.ENTERPRISE,
                District.HULI, null, true, "officer-1;officer;HULI;", t0);
        assertTrue(applicants.insert(registered, registered.registrationAudit()));
        BankAccount hostile = new BankAccount(registered.name(), "62220000000000009999", "105393000015", "CCB Xiamen", null);
        Applicant.Changed requested = registered.requestAccountChange("BAC-R-" + uscc, hostile, "maker;officer;HULI;",
                "maker", t0);
        assertTrue(applicants.save(requested.applicant(), registered.version(), requested.audit()));
        // approved with an hour's cooling-off: the service's own (real-clock) promotion job leaves it alone
        Applicant.Changed approved = requested.applicant().approveAccountChange("BAC-R-" + uscc, "checker;officer;HULI;",
                "checker", t0, Duration.ofHours(1));
        assertTrue(applicants.save(approved.applicant(), requested.applicant().version(), approved.audit()));
        Instant effectiveAt = approved.applicant().pendingChange().effectiveAt();

        String id = "APP-REJ-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(applicationRepository.insert(Application.submit(id, uscc, "C1", District.HULI, "2026", Map.of(),
                List.of(), t0, "officer-1;officer;HULI;", "request:" + id, null).application(), List.of(), null)
                == ApplicationRepository.Inserted.INSERTED);

        MovableClock clock = new MovableClock(effectiveAt);
        LifecycleService atE = new LifecycleService(applicationRepository, applicants, earlyFacts, views, relay, json, clock, cipher);
        ApplicantService rejecting = new ApplicantService(applicants, applicationService, lifecycle, config, clock,
                districtMoves, relay, json);
        Principal officer = new Principal("o-huli", Set.of(Principal.OFFICER), Optional.of("HULI"), Optional.empty());

        // the decision arrives at E: the payee is snapshotted
        atE.record(id, new Fact(UUID.randomUUID().toString(), "DECIDED_APPROVED", ApplicationStatus.APPROVED, effectiveAt,
                "eligibility", "approved", 0, "D-" + id));
        // the rejection's clock reads just before E (another replica, or its time check came before E)
        clock.set(effectiveAt.minusMillis(1));
        boolean rejected;
        try {
            rejecting.rejectAccountChange(officer, uscc, "BAC-R-" + uscc, "the applicant never gave this account");
            rejected = true;
        } catch (ProblemException refused) {
            assertEquals(409, refused.status(), refused.getMessage());
            rejected = false;
        }

        Document application = mongo.getDatabase("applications").getCollection("applications")
                .find(new Document("_id", id)).first();
        List<String> snapshotted = application.getList("payeeSnapshots", Document.class, List.of()).stream()
                .map(s -> s.getString("accountNumber")).toList();
        assertFalse(rejected && snapshotted.contains(hostile.accountNumber()), "the change was rejected ("
                + rejected + ") and its account snapshotted for payment: " + snapshotted);
    }

    /** An approved change saved on a new applicant, its cooling-off an hour (the real-clock promotion job leaves it). */
    Applicant approvedChange(String uscc, String changeId, Instant t0) {
        Applicant registered = Applicant.register(Uscc.parse(uscc), "厦门驳回科技有限公司", ApplicantType.ENTERPRISE,
                District.HULI, null, true, "officer-1;officer;HULI;", t0);
        assertTrue(applicants.insert(registered, registered.registrationAudit()));
        BankAccount account = new BankAccount(registered.name(), "62220000000000008888", "105393000015", "CCB Xiamen", null);
        Applicant.Changed requested = registered.requestAccountChange(changeId, account, "maker;officer;HULI;", "maker", t0);
        assertTrue(applicants.save(requested.applicant(), registered.version(), requested.audit()));
        Applicant.Changed approved = requested.applicant().approveAccountChange(changeId, "checker;officer;HULI;",
                "checker", t0, Duration.ofHours(1));
        assertTrue(applicants.save(approved.applicant(), requested.applicant().version(), approved.audit()));
        return approved.applicant();
    }

    /**
     * Issue 23 item 4, second reader: rejecting a change whose cooling-off is over answered "no bank-account change
     * ... is pending", as if it had never been approved; it has taken effect, and the answer says so - before the
     * promotion is saved and after.
     */
    @Test
    void rejecting_a_change_past_its_cooling_off_answers_that_it_has_taken_effect() {
        String uscc = uscc(2);
        String changeId = "BAC-T-" + uscc;
        Instant effectiveAt = approvedChange(uscc, changeId, businessClock.instant()).pendingChange().effectiveAt();
        Principal officer = new Principal("o-huli", Set.of(Principal.OFFICER), Optional.of("HULI"), Optional.empty());
        ApplicantService later = new ApplicantService(applicants, applicationService, lifecycle, config,
                new MovableClock(effectiveAt.plusSeconds(1)), districtMoves, relay, json);

        for (int attempt = 1; attempt <= 2; attempt++) { // not saved yet, then saved
            ProblemException refused = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                    () -> later.rejectAccountChange(officer, uscc, changeId, "too late"));
            assertEquals(409, refused.status());
            assertTrue(refused.getMessage().contains("taken effect"), attempt + ": " + refused.getMessage());
            assertFalse(refused.getMessage().contains("is pending"), attempt + ": " + refused.getMessage());
            EffectiveAccount.saved(applicants, uscc, effectiveAt);
        }
    }
}
