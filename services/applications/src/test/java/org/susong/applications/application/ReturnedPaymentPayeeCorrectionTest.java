package org.susong.applications.application;

import static org.susong.testing.TestBroker.kafka;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.security.Principal;
import org.susong.testing.CloudEventRecords;
import org.susong.contracts.EventContracts;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;
import org.susong.testing.Usccs;

/**
 * Issue 20 item 2, applications' half: payments re-sends a returned payment once a newer payee snapshot of its decision
 * arrives, so when the applicant's corrected account takes effect (maker-checker, cooling-off), each application whose
 * payment was returned (and not paid since) gets a new snapshot of that account, once; one whose payment was not
 * returned (in flight, or paid to the old account) keeps its snapshot.
 */
@QuarkusTest
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
class ReturnedPaymentPayeeCorrectionTest extends ApplicantServices {

    static final String SNAPSHOTTED = "susong.applications.PayeeAccountSnapshotted.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApplicantService applicantService;

    static String uscc(int n) {
        return Usccs.valid("MG", n);
    }

    MongoCollection<Document> applicationsCollection() {
        return mongo.getDatabase("applications").getCollection("applications");
    }

    static Principal officer(String user) {
        return new Principal(user, Set.of(Principal.OFFICER), Optional.of("HULI"), Optional.empty());
    }

    /** Registered with a first account, effective at once. */
    Applicant payable(String uscc, String number) {
        Applicant registered = Applicant.register(Uscc.parse(uscc), "厦门退回科技有限公司" + uscc.substring(10, 17),
                ApplicantType.ENTERPRISE, District.HULI, null, true, "officer-1;officer;;", businessClock.instant());
        assertTrue(applicants.insert(registered, registered.registrationAudit()));
        BankAccount account = new BankAccount(registered.name(), number, "105393000015", "CCB Xiamen", null);
        Applicant.Changed requested = registered.requestAccountChange("BAC-R-" + uscc, account, "maker;officer;;", "maker",
                businessClock.instant());
        assertTrue(applicants.save(requested.applicant(), registered.version(), requested.audit()));
        Applicant.Changed approved = requested.applicant().approveAccountChange("BAC-R-" + uscc, "checker;officer;;",
                "checker", businessClock.instant(), Duration.ZERO);
        assertTrue(applicants.save(approved.applicant(), requested.applicant().version(), approved.audit()));
        return approved.applicant();
    }

    /** An approved application of this applicant, its payee snapshotted. */
    String approved(String uscc, String period) {
        String id = "APP-RETURNED-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(ApplicationRepository.Inserted.INSERTED, applicationRepository.insert(Application.submit(id, uscc, "C1",
                District.HULI, period, Map.of(), List.of(), businessClock.instant(), "officer-1;officer;HULI;",
                "request:" + id, null).application(), List.of(), null));
        lifecycle.record(id, new Fact(UUID.randomUUID().toString(), "DECIDED_APPROVED", ApplicationStatus.APPROVED,
                businessClock.instant(), "eligibility", "approved", 0, "D-" + id));
        return id;
    }

    /** The payee snapshots published for one application, read from applications.events. */
    static List<ConsumerRecord<String, String>> snapshots(String id) {
        return kafka().consumeStrings().fromTopics("applications.events", Duration.ofSeconds(2)).awaitCompletion()
                .getRecords().stream().filter(r -> id.equals(r.key()))
                .filter(r -> SNAPSHOTTED.equals(CloudEventRecords.header(r, "ce_type"))).toList();
    }

    static List<ConsumerRecord<String, String>> awaitSnapshots(String id, int count) {
        List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            found.addAll(snapshots(id));
            assertEquals(count, found.size(), "snapshots published for " + id);
        });
        return found;
    }

    @Test
    void a_corrected_account_is_snapshotted_again_for_a_returned_payment_once_and_not_for_one_in_flight() throws Exception {
        String uscc = uscc(8_200_001);
        payable(uscc, "35150198010100007777");
        String returned = approved(uscc, "2026");
        String inFlight = approved(uscc, "2025");
        JsonNode first = JSON.readTree(awaitSnapshots(returned, 1).get(0).value());
        awaitSnapshots(inFlight, 1);

        // payments returns the first one's payment (the bank refused the old account)
        String payload = "{\"orderId\":\"PO-D-" + returned + "\",\"decisionId\":\"D-" + returned + "\",\"applicationId\":\""
                + returned + "\",\"amountFen\":10000000,\"reason\":\"returned by the bank: AC04\",\"returnedAt\":\""
                + businessClock.instant() + "\"}";
        assertEquals(List.of(), EventContracts.violations("susong.payments.PaymentReturned.v1", payload));
        kafka().produceStrings().fromRecords(CloudEventRecords.event("payments.events", "susong.payments.PaymentReturned.v1",
                "PO-D-" + returned, payload)).awaitCompletion();
        await().atMost(Duration.ofSeconds(30)).until(() -> applicationRepository.find(returned).orElseThrow().application()
                .status() == ApplicationStatus.PAYMENT_RETURNED);

        // the account is corrected: a maker asks, a second officer approves, the cooling-off passes
        Applicant pending = applicantService.requestAccountChange(officer("maker-2"), uscc, new BankAccount(
                applicants.find(uscc).orElseThrow().name(), "35150198010100008888", "105393000015", "CCB Xiamen", null));
        applicantService.approveAccountChange(officer("checker-2"), uscc, pending.pendingChange().id());
        ApplicantService later = applicantServiceAhead(businessClock, Duration.ofHours(1));
        later.promoteDueChanges();
        assertEquals("35150198010100008888", applicants.find(uscc).orElseThrow().bankAccount().accountNumber());

        List<ConsumerRecord<String, String>> both = awaitSnapshots(returned, 2);
        ConsumerRecord<String, String> newest = both.get(1);
        assertEquals(List.of(), EventContracts.violations(SNAPSHOTTED, newest.value()));
        assertFalse(newest.value().contains("35150198010100008888"), "sealed: " + newest.value());
        JsonNode second = JSON.readTree(newest.value());
        assertEquals("****************8888", second.path("accountNumberMasked").asText());
        assertEquals("D-" + returned, second.path("decisionId").asText());
        assertEquals(uscc, second.path("applicantUscc").asText());
        assertTrue(Instant.parse(second.path("snapshottedAt").asText()).isAfter(Instant.parse(first.path("snapshottedAt")
                .asText())), first + " then " + second);
        assertTrue(!CloudEventRecords.header(both.get(0), "ce_id").equals(CloudEventRecords.header(newest, "ce_id")));
        Application kept = applicationRepository.find(returned).orElseThrow().application();
        assertEquals(1, kept.payeeSnapshots().size());
        assertEquals("35150198010100008888", kept.payeeSnapshots().get(0).accountNumber());
        assertTrue(kept.timeline().stream().anyMatch(f -> f.detail().contains("corrected")
                && f.detail().contains("D-" + returned)), kept.timeline().toString());

        // once per effective account: the sweep and the follow-up again publish nothing new
        sweep.sweep();
        lifecycle.snapshotWaitingPayees(uscc);
        Thread.sleep(3000);
        assertEquals(2, snapshots(returned).size());
        // the application whose payment was not returned keeps its snapshot of the old account
        assertEquals(1, snapshots(inFlight).size());
        assertEquals("35150198010100007777", applicationRepository.find(inFlight).orElseThrow().application()
                .payeeSnapshots().get(0).accountNumber());
    }
}
