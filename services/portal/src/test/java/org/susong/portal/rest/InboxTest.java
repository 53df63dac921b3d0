package org.susong.portal.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.time.BusinessClock;
import org.susong.portal.application.AppealReminders;
import org.susong.portal.domain.Person;
import org.susong.portal.messaging.out.InboxMailer;
import org.susong.portal.persistence.InboxStore;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * The applicants' inbox (issue 18 item 5) on the real broker and store: the services' events, shaped as the
 * event-contracts examples (each checked against its schema), become each applicant's entries - its own only, once
 * each however often delivered, whichever arrives first (a payment's notice before the application's owner is known);
 * a rejection's appeal deadline near gives one reminder, an appealed one none; entries are marked read by their
 * applicant only; and e-mail (Quarkus Mailer's mock mailbox) goes to the address the applicant gave, once per entry,
 * for the entries made after it gave it. Measure C1 and its own applicants, so the evaluation's B1 figures
 * ({@link EvaluationRebuildTest}) are not touched.
 */
@QuarkusTest
@TestProfile(EvaluationProfile.class)
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    /** Two applicants of this run (18 characters of the USCC alphabet; the portal checks no more). */
    static final String A = uscc("A");
    static final String B = uscc("B");
    static final Person APPLICANT_A = SignedIn.applicant("inbox-a", A);
    static final Person APPLICANT_B = SignedIn.applicant("inbox-b", B);
    static final LocalDate TODAY = LocalDate.now(BusinessClock.ZONE);
    static final List<ProducerRecord<String, String>> SENT = new ArrayList<>();

    @Inject
    AppealReminders reminders;
    @Inject
    InboxMailer mailer;
    @Inject
    InboxStore store;
    @Inject
    MockMailbox mailbox;

    static String uscc(String who) {
        String digits = String.valueOf(Math.abs((RUN + who).hashCode()) % 100_000_000);
        return "91350200MA" + "0".repeat(8 - digits.length()) + digits;
    }

    static String app(int n) {
        return "APP-INBOX-" + RUN + "-" + n;
    }

    static ObjectNode example(String type) throws Exception {
        return ContractEvents.example(type);
    }

    static void send(String topic, String type, String key, ObjectNode payload) throws Exception {
        SENT.add(ContractEvents.send(topic, type, key, payload));
    }

    static void submitted(int n, String uscc) throws Exception {
        ObjectNode s = example(EvaluationRebuildTest.SUBMITTED);
        s.put("applicationId", app(n)).put("applicantUscc", uscc).put("measureCode", "C1")
                .put("submittedAt", "2026-05-04T02:00:00Z");
        send("applications.events", EvaluationRebuildTest.SUBMITTED, app(n), s);
    }

    static void decided(int n, String uscc, String outcome, long fen, LocalDate deadline, boolean proposal)
            throws Exception {
        ObjectNode d = example(EvaluationRebuildTest.DECIDED);
        d.put("decisionId", "D-" + app(n)).put("applicationId", app(n)).put("applicantUscc", uscc)
                .put("measureCode", "C1").put("outcome", outcome).put("amountFen", fen)
                .put("decidedAt", "2026-05-05T02:00:00Z");
        if (deadline != null) {
            d.put("appealDeadline", deadline.toString());
        } else {
            d.remove("appealDeadline");
        }
        ArrayNode criteria = d.putArray("criteria");
        criteria.addObject().put("name", "validity").put("passed", true).put("en", "valid").put("zh", "有效");
        criteria.addObject().put("name", "revenueFloor").put("passed", !"REJECTED".equals(outcome))
                .put("en", "revenue below the floor").put("zh", "营业收入未达下限");
        if (proposal) {
            d.put("proposalId", "AP-C1-" + RUN + "-" + n);
        }
        send("eligibility.events", EvaluationRebuildTest.DECIDED, "D-" + app(n), d);
    }

    static void inNotice(int n, long fen) throws Exception {
        ObjectNode p = example("susong.payments.PaymentInNotice.v1");
        p.put("orderId", "PO-D-" + app(n)).put("decisionId", "D-" + app(n)).put("applicationId", app(n))
                .put("amountFen", fen).put("noticeFrom", "2026-05-06").put("noticeUntil", "2026-05-13");
        send("payments.events", "susong.payments.PaymentInNotice.v1", "PO-D-" + app(n), p);
    }

    static void paid(int n, String uscc, long fen) throws Exception {
        paid(n, uscc, fen, 0);
    }

    /** Paid, {@code offset} of it withheld for a recovery (none: 0). */
    static void paid(int n, String uscc, long fen, long offset) throws Exception {
        ObjectNode p = example(EvaluationRebuildTest.DISBURSED);
        p.put("orderId", "PO-D-" + app(n)).put("decisionId", "D-" + app(n)).put("applicationId", app(n))
                .put("beneficiaryUscc", uscc).put("measureCode", "C1").put("amountFen", fen)
                .put("settledAt", "2026-05-14T02:00:00Z");
        if (offset > 0) {
            p.put("offsetFen", offset);
        } else {
            p.remove("offsetFen");
        }
        send("payments.events", EvaluationRebuildTest.DISBURSED, "PO-D-" + app(n), p);
    }

    static void appealed(int n) throws Exception {
        ObjectNode a = example(EvaluationRebuildTest.APPEALED);
        a.put("applicationId", app(n)).put("decisionId", "D-" + app(n)).put("appealedAt", "2026-05-06T02:00:00Z");
        send("applications.events", EvaluationRebuildTest.APPEALED, app(n), a);
    }

    static Document inbox(Person who) {
        return Jsoup.parse(SignedIn.as(who).get("/applicant/inbox?lang=en").then().statusCode(200).extract().asString());
    }

    /** The page's entries as "KIND application" lines, newest first. */
    static List<String> rows(Document page) {
        List<String> rows = new ArrayList<>();
        for (Element tr : page.select("#inbox tbody tr")) {
            String href = tr.selectFirst("a[href^=/applicant/applications/]").attr("href");
            rows.add(tr.attr("data-kind") + " " + href.substring(href.lastIndexOf('/') + 1));
        }
        return rows;
    }

    /**
     * Applicant A: application 1 an award it never applied for (免申即享), whose payment's notice arrives before its
     * owner is known, then paid; 2 rejected with its deadline in 3 days; 3 rejected, deadline in 3 days, appealed.
     * Applicant B: 4 approved. Then every event again (a redelivery).
     */
    @Test
    @Order(1)
    void each_applicant_sees_its_own_entries_once_whatever_the_order_and_redelivery() throws Exception {
        inNotice(1, 6_300_000);
        submitted(1, A);
        decided(1, A, "APPROVED", 6_300_000, TODAY.plusDays(60), true);
        paid(1, A, 6_300_000);
        submitted(2, A);
        decided(2, A, "REJECTED", 0, TODAY.plusDays(3), false);
        submitted(3, A);
        decided(3, A, "REJECTED", 0, TODAY.plusDays(3), false);
        appealed(3);
        submitted(4, B);
        decided(4, B, "APPROVED", 1_000_000, TODAY.plusDays(60), false);
        List<ProducerRecord<String, String>> again = List.copyOf(SENT);
        kafka().produceStrings().fromRecords(again).awaitCompletion();

        List<String> expectedA = List.of("DECIDED " + app(1), "DECIDED " + app(2), "DECIDED " + app(3),
                "NOTICE_OPEN " + app(1), "PAID " + app(1));
        // (the appeal reminders' scheduled round may add one for application 2: the next test's)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(expectedA.stream().sorted().toList(),
                rows(inbox(APPLICANT_A)).stream().filter(r -> !r.startsWith("APPEAL_DEADLINE")).sorted().toList()));
        Document a = inbox(APPLICANT_A);
        assertEquals(String.valueOf(a.select("#inbox tbody tr").size()), a.selectFirst("#inbox-unread").attr("data-unread"),
                "all unread");
        Element award = a.selectFirst("tr[data-entry=DECIDED:D-" + app(1) + ":APPROVED]");
        assertTrue(award.selectFirst("[data-automatic=true]") != null, "the award never applied for is marked");
        assertTrue(award.text().contains("No application needed: your C1 award is approved, 63,000.00 CNY"), award.text());
        Element rejection = a.selectFirst("tr[data-entry=DECIDED:D-" + app(2) + ":REJECTED]");
        assertTrue(rejection.text().contains("you may appeal until " + TODAY.plusDays(3)), rejection.text());
        assertTrue(rejection.text().contains("Criteria not met: revenue below the floor"), rejection.text());
        assertTrue(a.selectFirst("tr[data-kind=NOTICE_OPEN]").text().contains("in public notice until 2026-05-13"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of("DECIDED " + app(4)),
                rows(inbox(APPLICANT_B)), "B sees its own entry only"));
        assertFalse(inbox(APPLICANT_B).text().contains(app(1)));
    }

    @Test
    @Order(2)
    void a_rejection_near_its_deadline_gets_one_reminder_and_an_appealed_one_none() {
        // the scheduled round may have come first (10 s after start): either way, once
        reminders.round(TODAY);
        assertEquals(0, reminders.round(TODAY), "each rejection is looked at once");
        Document a = inbox(APPLICANT_A);
        assertTrue(rows(a).contains("APPEAL_DEADLINE " + app(2)), rows(a).toString());
        assertFalse(rows(a).contains("APPEAL_DEADLINE " + app(3)), rows(a).toString());
        assertFalse(rows(a).contains("APPEAL_DEADLINE " + app(1)), "an approval is not reminded of");
        assertEquals(6, a.select("#inbox tbody tr").size());
        assertTrue(a.selectFirst("tr[data-kind=APPEAL_DEADLINE]").text()
                .contains("The appeal deadline of application " + app(2) + " is " + TODAY.plusDays(3)));
    }

    @Test
    @Order(3)
    void entries_are_marked_read_by_their_applicant_only() {
        String entry = "DECIDED:D-" + app(2) + ":REJECTED";
        SignedIn.as(APPLICANT_B).formParam("id", entry).post("/applicant/inbox/read").then().statusCode(303);
        assertEquals("false", inbox(APPLICANT_A).selectFirst("tr[data-entry=" + entry + "]").attr("data-read"),
                "another applicant's mark changes nothing");
        SignedIn.as(APPLICANT_A).formParam("id", entry).post("/applicant/inbox/read").then().statusCode(303);
        Document a = inbox(APPLICANT_A);
        assertEquals("true", a.selectFirst("tr[data-entry=" + entry + "]").attr("data-read"));
        assertEquals("5", a.selectFirst("#inbox-unread").attr("data-unread"));
        SignedIn.as(APPLICANT_A).post("/applicant/inbox/read").then().statusCode(303);
        assertEquals("0", inbox(APPLICANT_A).selectFirst("#inbox-unread").attr("data-unread"));
        assertEquals("1", inbox(APPLICANT_B).selectFirst("#inbox-unread").attr("data-unread"), "B's untouched");
    }

    /**
     * Application 6: eligibility sends it to an officer's review, then the officer approves it under the same decision
     * id, and it is paid with a part withheld for a recovery. Application 7: rejected, reminded, then appealed: the
     * reminder goes. Application 8: an entry whose owner comes later (written through the store, so its order is
     * certain) waits for it, shown to nobody and mailed to nobody, then is the owner's.
     */
    @Test
    @Order(4)
    void a_review_then_its_decision_the_money_withheld_a_reminder_withdrawn_and_an_owner_learnt_late() throws Exception {
        submitted(6, A);
        decided(6, A, "REVIEW_REQUIRED", 0, null, true);
        decided(6, A, "APPROVED", 2_000_000, TODAY.plusDays(60), true);
        paid(6, A, 2_000_000, 500_000);
        submitted(7, A);
        decided(7, A, "REJECTED", 0, TODAY.plusDays(2), false);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(inbox(APPLICANT_A)).containsAll(List.of(
                "DECIDED " + app(6), "PAID " + app(6), "DECIDED " + app(7))) && rows(inbox(APPLICANT_A)).stream()
                .filter(r -> r.equals("DECIDED " + app(6))).count() == 2);
        Document a = inbox(APPLICANT_A);
        assertTrue(a.selectFirst("tr[data-entry=DECIDED:D-" + app(6) + ":REVIEW_REQUIRED]").text()
                .contains("No application needed: your C1 award (" + app(6) + ") goes to an officer's review"));
        assertTrue(a.selectFirst("tr[data-entry=DECIDED:D-" + app(6) + ":APPROVED]").text()
                .contains("No application needed: your C1 award is approved, 20,000.00 CNY"));
        Element paid = a.select("tr[data-kind=PAID]").stream().filter(r -> r.html().contains(app(6))).findFirst()
                .orElseThrow();
        assertTrue(paid.text().contains("15,000.00 CNY for application " + app(6) + " is paid to your account (20,000.00"
                + " CNY awarded, 5,000.00 CNY of it withheld for an open recovery)"), paid.text());

        reminders.round(TODAY);
        assertTrue(rows(inbox(APPLICANT_A)).contains("APPEAL_DEADLINE " + app(7)));
        ObjectNode appeal = example(EvaluationRebuildTest.APPEALED);
        appeal.put("applicationId", app(7)).put("decisionId", "D-" + app(7)).put("appealedAt", "2026-05-06T02:00:00Z");
        send("applications.events", EvaluationRebuildTest.APPEALED, app(7), appeal);
        await().atMost(Duration.ofSeconds(60)).until(() -> !rows(inbox(APPLICANT_A)).contains("APPEAL_DEADLINE " + app(7)));

        String late = "NOTICE_OPEN:late-" + RUN;
        store.add(new org.susong.portal.domain.InboxEntry(late, org.susong.portal.domain.InboxEntry.Kind.NOTICE_OPEN,
                app(8), null, null, 1_000_000L, null, java.time.Instant.now(), TODAY.plusDays(7), List.of(), false,
                false), null, List.of(), List.of(), java.time.Instant.now());
        assertEquals(InboxStore.Mail.WAITING_OWNER, store.mailOf(late).orElseThrow(), "no owner: nothing to mail");
        assertFalse(rows(inbox(APPLICANT_A)).contains("NOTICE_OPEN " + app(8)));
        store.learnOwner(app(8), A);
        assertTrue(rows(inbox(APPLICANT_A)).contains("NOTICE_OPEN " + app(8)));
        assertEquals(InboxStore.Mail.NO_ADDRESS, store.mailOf(late).orElseThrow(),
                "owned by an applicant without an address: decided at once, never claimed by a mail round");
    }

    @Test
    @Order(5)
    void mail_goes_once_to_the_address_given_for_the_entries_made_after_it() throws Exception {
        String address = "finance-" + RUN.toLowerCase() + "@example.com";
        String refused = SignedIn.as(APPLICANT_A).formParam("email", "not an address").formParam("lang", "en")
                .post("/applicant/inbox/address?lang=en").then().statusCode(400).extract().asString();
        assertTrue(Jsoup.parse(refused).selectFirst("#mail-email").hasAttr("aria-invalid"), refused);
        assertTrue(store.address(A).isEmpty(), "nothing kept");
        SignedIn.as(APPLICANT_A).formParam("email", address).formParam("lang", "en").post("/applicant/inbox/address")
                .then().statusCode(303);
        assertTrue(inbox(APPLICANT_A).selectFirst("#mail-current").text().contains(address));
        java.time.Instant since = store.address(A).orElseThrow().since();
        SignedIn.as(APPLICANT_A).formParam("email", address).formParam("lang", "zh").post("/applicant/inbox/address")
                .then().statusCode(303);
        assertEquals(new InboxStore.Address(address, "zh", since), store.address(A).orElseThrow(),
                "the same address again: its language changed, its instant kept");
        SignedIn.as(APPLICANT_A).formParam("email", address).formParam("lang", "en").post("/applicant/inbox/address")
                .then().statusCode(303);

        submitted(5, A);
        decided(5, A, "APPROVED", 2_000_000, TODAY.plusDays(60), false);
        paid(5, A, 2_000_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.mailOf("DECIDED:D-" + app(5) + ":APPROVED").isPresent()
                && rows(inbox(APPLICANT_A)).contains("PAID " + app(5)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            mailer.round();
            assertEquals(2, mailbox.getMailsSentTo(address).size());
        });
        // the same events again, and more rounds: no second mail
        kafka().produceStrings().fromRecords(SENT.subList(SENT.size() - 3, SENT.size())).awaitCompletion();
        Thread.sleep(3000);
        mailer.round();
        List<Mail> mails = mailbox.getMailsSentTo(address);
        assertEquals(2, mails.size(), "once per entry");
        Mail decision = mails.stream().filter(m -> m.getSubject().contains("is approved")).findFirst().orElseThrow();
        assertEquals("[Xiamen S&T support] C1 application " + app(5) + " is approved, 20,000.00 CNY", decision.getSubject());
        assertTrue(decision.getText().contains("/applicant/applications/" + app(5) + "?lang=en"), decision.getText());
        assertTrue(mails.stream().anyMatch(m -> m.getSubject().contains("20,000.00 CNY for application " + app(5)
                + " is paid")), mails.toString());
        assertEquals(InboxStore.Mail.NO_ADDRESS, store.mailOf("PAID:" + paidEntryOf(1)).orElseThrow(),
                "an entry made before the address was given is not mailed");
        assertTrue(mailbox.getMailsSentTo(address).stream().noneMatch(m -> m.getSubject().contains(app(1))));
        assertEquals(InboxStore.Mail.SENT, store.mailOf("DECIDED:D-" + app(5) + ":APPROVED").orElseThrow());

        SignedIn.as(APPLICANT_A).formParam("email", "").post("/applicant/inbox/address").then().statusCode(303);
        assertTrue(store.address(A).isEmpty(), "a blank address stops the mails");
    }

    /**
     * An entry whose event names no owner and its application's owner written at the same instant, 100 times on two
     * threads: every entry ends owned, its mail due (never an owner with its mail still waiting for one).
     */
    @Test
    @Order(6)
    void an_entry_and_its_owner_written_at_once_end_owned_with_their_mail_due() throws Exception {
        String c = uscc("C");
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                String application = app(1000 + i);
                String id = "NOTICE_OPEN:race-" + RUN + "-" + i;
                ids.add(id);
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                var entry = two.submit(() -> {
                    go.await();
                    store.add(new org.susong.portal.domain.InboxEntry(id, org.susong.portal.domain.InboxEntry.Kind.NOTICE_OPEN,
                            application, null, null, 1_000L, null, java.time.Instant.now(), TODAY, List.of(), false,
                            false), null, List.of(), List.of(), java.time.Instant.now());
                    return null;
                });
                var owner = two.submit(() -> {
                    go.await();
                    store.learnOwner(application, c);
                    return null;
                });
                go.countDown();
                entry.get();
                owner.get();
            }
        } finally {
            two.shutdown();
        }
        for (String id : ids) {
            assertEquals(InboxStore.Mail.NO_ADDRESS, store.mailOf(id).orElseThrow(),
                    id + ": owned, its applicant without an address (never an owner with its mail still waiting)");
        }
        List<String> owned = store.entriesOf(c, 1000, false).stream().map(e -> e.id()).toList();
        assertTrue(owned.containsAll(ids), "every entry is the owner's");
    }

    /**
     * An address saved while an entry is written: the entry read no address (NO_ADDRESS), but the address's instant is
     * not after the entry's, so the save makes it due; an entry made before the address's instant stays unmailed.
     */
    @Test
    @Order(7)
    void an_address_saved_across_an_entrys_write_makes_it_due_and_an_older_entry_stays_unmailed() {
        String d = uscc("D");
        java.time.Instant t = java.time.Instant.now();
        String older = "PAID:older-" + RUN;
        String crossed = "PAID:crossed-" + RUN;
        for (String id : List.of(older, crossed)) {
            java.time.Instant made = id.equals(older) ? t.minusSeconds(10) : t;
            store.add(new org.susong.portal.domain.InboxEntry(id, org.susong.portal.domain.InboxEntry.Kind.PAID,
                    app(2000), "C1", null, 1_000L, null, made, null, List.of(), false, false), d, List.of(), List.of(),
                    made);
            assertEquals(InboxStore.Mail.NO_ADDRESS, store.mailOf(id).orElseThrow(), "no address when written");
        }
        store.setAddress(d, "d-" + RUN.toLowerCase() + "@example.com", "zh", t.minusSeconds(1));
        // due (a mail round may already have claimed or sent it)
        assertTrue(java.util.Set.of(InboxStore.Mail.PENDING, InboxStore.Mail.SENDING, InboxStore.Mail.SENT)
                .contains(store.mailOf(crossed).orElseThrow()), "made after the address's instant: due");
        assertEquals(InboxStore.Mail.NO_ADDRESS, store.mailOf(older).orElseThrow(), "made before it: never mailed");
        store.removeAddress(d);
    }

    /** The id of the event of application n's payment (its entry's source). */
    String paidEntryOf(int n) {
        return SENT.stream().filter(r -> r.value().contains(app(n) + "\"") && new String(r.headers().lastHeader("ce_type")
                        .value()).equals(EvaluationRebuildTest.DISBURSED))
                .map(r -> new String(r.headers().lastHeader("ce_id").value())).findFirst().orElseThrow();
    }
}
