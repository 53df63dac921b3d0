package org.susong.applications.application;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.AuditEntry;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Ids;
import org.susong.commons.ids.Uscc;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Follow-up work after a committed write (waiting award proposals after a registration, waiting
 * payee snapshots after an account took effect) is finished by a scheduled sweep when the request
 * that committed the write failed before doing it: here the write is made without its follow-up.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class FollowUpSweepTest extends ApplicantServices {

    static String uscc(int n) {
        return Usccs.valid("MG", n);
    }

    MongoCollection<Document> applicationsCollection() {
        return mongo.getDatabase("applications").getCollection("applications");
    }

    Applicant registeredWithoutFollowUp(String uscc) {
        Applicant applicant = Applicant.register(Uscc.parse(uscc), "厦门跟进科技有限公司" + uscc.substring(10, 17),
                ApplicantType.ENTERPRISE, District.HULI, null, true, "officer-1;officer;;", businessClock.instant());
        assertTrue(applicants.insert(applicant, applicant.registrationAudit()));
        return applicant;
    }

    /** Registered, its first account approved and past the cooling-off, saved; the request died before the follow-up. */
    void payableWithoutFollowUp(String uscc) {
        accountApprovedWithoutFollowUp(registeredWithoutFollowUp(uscc));
    }

    /** The first account approved by a second officer with no cooling-off and saved; the request died before the follow-up. */
    void accountApprovedWithoutFollowUp(Applicant registered) {
        String uscc = registered.uscc().value();
        BankAccount account = new BankAccount(registered.name(), "35150198010100007777", "105393000015", "CCB Xiamen", null);
        Applicant.Changed requested = registered.requestAccountChange("BAC-" + uscc, account, "maker;officer;;", "maker", businessClock.instant());
        assertTrue(applicants.save(requested.applicant(), registered.version(), requested.audit()));
        Applicant.Changed approved = requested.applicant().approveAccountChange("BAC-" + uscc, "checker;officer;;", "checker",
                businessClock.instant(), Duration.ZERO);
        assertTrue(applicants.save(approved.applicant(), requested.applicant().version(), approved.audit()));
    }

    ApplicationService.Proposal proposal(String uscc) {
        String proposalId = "AP-TC-" + UUID.randomUUID().toString().substring(0, 8) + "-1";
        return new ApplicationService.Proposal(proposalId, UUID.randomUUID().toString(), "B3b", uscc, null, 2026,
                Map.of("proposalId", proposalId, "proposedAmountFen", 5000000L), businessClock.instant());
    }

    static String applicationIdOf(ApplicationService.Proposal p) {
        return Ids.derivedId("APP", p.proposedAt().atZone(BusinessClock.ZONE).toLocalDate(), p.proposalId());
    }

    @Test
    void a_waiting_award_proposal_becomes_an_application_although_the_account_approval_did_not_release_it() {
        String uscc = uscc(1);
        ApplicationService.Proposal p = proposal(uscc);
        assertTrue(applications.fromProposal(p, "system;system;;").isEmpty(), "waits for its applicant");
        payableWithoutFollowUp(uscc); // saved; the request died before releasing the waiting proposals
        String id = applicationIdOf(p);
        await().atMost(Duration.ofSeconds(30)).until(() -> applicationsCollection().find(new Document("_id", id)).first() != null);
    }

    /**
     * Found by the second reader: the sweep cut the waiting beneficiaries to its batch before it looked
     * which of them registered, so with more than a batch of beneficiaries that never register, one
     * that did register behind them was never reached (its award, cap already taken, never applied).
     */
    @Test
    void a_registered_beneficiary_behind_a_batch_of_unregistered_ones_is_reached() {
        for (int n = 0; n <= FollowUpSweep.BATCH; n++) {
            assertTrue(applications.fromProposal(proposal(uscc(100 + n)), "system;system;;").isEmpty());
        }
        String uscc = uscc(9_000_001);
        ApplicationService.Proposal p = proposal(uscc);
        assertTrue(applications.fromProposal(p, "system;system;;").isEmpty(), "waits for its applicant");
        payableWithoutFollowUp(uscc);
        sweep.sweep();
        assertTrue(applicationsCollection().find(new Document("_id", applicationIdOf(p))).first() != null,
                "one sweep reaches the registered beneficiary");
    }

    @Test
    void a_waiting_payee_snapshot_is_taken_although_the_account_approval_did_not_take_it() {
        String uscc = uscc(2);
        Applicant registered = registeredWithoutFollowUp(uscc);
        // an application filed before the applicant had an account (award proposals wait for one: issue 23 item 4)
        String id = "APP-FOLLOWUP-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(applicationRepository.insert(Application.submit(id, uscc, "C1", District.HULI, "2026", Map.of(),
                List.of(), businessClock.instant(), "officer-1;officer;HULI;", "request:" + id, null).application(), List.of(), null)
                == ApplicationRepository.Inserted.INSERTED);
        lifecycle.record(id, new Fact(UUID.randomUUID().toString(), "DECIDED_APPROVED", ApplicationStatus.APPROVED,
                businessClock.instant(), "eligibility", "approved", 0, "D-" + id));
        assertTrue(applicationsCollection().find(new Document("_id", id)).first().getBoolean("awaitingPayee"));

        accountApprovedWithoutFollowUp(registered); // the request died before the snapshots

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Document d = applicationsCollection().find(new Document("_id", id)).first();
            assertTrue(!d.getBoolean("awaitingPayee") && d.getList("payeeSnapshots", Document.class, List.of()).size() == 1,
                    d.toJson());
        });
    }

    @Test
    void a_transient_failure_answers_503_with_retry_after() {
        given().get("/test-only/transient-failure").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(503));
    }

    /**
     * Found by the second reader: a request that finds an approved change past its cooling-off saved it as the
     * account but did none of the promotion job's follow-up (no BANK_ACCOUNT_EFFECTIVE entry, waiting proposals
     * and payee snapshots left to the sweep). This instance's clock is two hours on; the job's (real) clock is
     * not, so the job cannot make the change effective first.
     */
    @Test
    void a_request_that_finds_an_approved_change_past_its_cooling_off_makes_it_effective_in_the_history() {
        Applicant registered = registeredWithoutFollowUp(uscc(7_000_001));
        String uscc = registered.uscc().value();
        BankAccount account = new BankAccount(registered.name(), "35150198010100007777", "105393000015", "CCB Xiamen", null);
        Applicant.Changed requested = registered.requestAccountChange("BAC-E-" + uscc, account, "maker;officer;;", "maker", businessClock.instant());
        assertTrue(applicants.save(requested.applicant(), registered.version(), requested.audit()));
        Applicant.Changed approved = requested.applicant().approveAccountChange("BAC-E-" + uscc, "checker;officer;;",
                "checker", businessClock.instant(), Duration.ofHours(1));
        assertTrue(applicants.save(approved.applicant(), requested.applicant().version(), approved.audit()));

        ApplicantService later = applicantServiceAhead(Clock.systemUTC(), Duration.ofHours(2));
        Principal officer = new Principal("o-huli", Set.of(Principal.OFFICER), Optional.of("HULI"), Optional.empty());
        later.requestAccountChange(officer, uscc, new BankAccount(registered.name(), "35150198010100008888",
                "105393000015", "CCB Xiamen", null));

        assertEquals(List.of("REGISTERED", "BANK_ACCOUNT_CHANGE_REQUESTED", "BANK_ACCOUNT_CHANGE_APPROVED",
                        "BANK_ACCOUNT_EFFECTIVE", "BANK_ACCOUNT_CHANGE_REQUESTED"),
                applicants.history(uscc, 0, 50).stream().map(AuditEntry::action).toList());
        assertEquals("35150198010100007777", applicants.find(uscc).orElseThrow().bankAccount().accountNumber());
    }
}
