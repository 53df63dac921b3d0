package org.susong.payments.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.BudgetService;
import org.susong.payments.application.LedgerService;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.TestBroker;

/** Payments on the real local broker and store, with the seeded 2024-2026 lines (placeholders). */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class PaymentsServiceTest {

    @Inject
    Clock clock;

    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static final String PAYEE = "susong.applications.PayeeAccountSnapshotted.v1";

    @Inject
    OrderService orders;
    @Inject
    OrderRepository orderRepository;
    @Inject
    BudgetLineRepository lines;
    @Inject
    LedgerService ledger;
    @Inject
    BudgetService budgets;

    static RequestSpecification user() {
        return given().header("X-User", "finance-1").header("X-Roles", "finance");
    }

    static String decision(String applicationId, String measure, int year, long amountFen) {
        return "{\"decisionId\":\"D-" + applicationId + "\",\"applicationId\":\"" + applicationId
                + "\",\"applicantUscc\":\"91350100M000100Y43\",\"measureCode\":\"" + measure + "\",\"outcome\":\"APPROVED\","
                + "\"amountFen\":" + amountFen + ",\"ruleVersion\":\"" + measure + "@1\",\"fiscalYear\":" + year
                + ",\"district\":\"HULI\",\"disbursementMode\":\"GRANT\",\"explanation\":{\"en\":\"ok\",\"zh\":\"ok\"},"
                + "\"criteria\":[],\"decidedAt\":\"2026-06-15T02:00:00Z\"}";
    }

    static void send(String eventId, String applicationId, String payload) {
        kafka().produceStrings().fromRecords(Fixtures.fromOwner(CloudEventRecords.event("eligibility.events", eventId, DECIDED, "D-" + applicationId,
                payload, Map.of()))).awaitCompletion();
    }

    /** The payee account applications snapshots when the decision is approved (an order is exported only with it). */
    static void payee(String applicationId) {
        payee(applicationId, "D-" + applicationId);
    }

    static void payee(String applicationId, String decisionId) {
        String payload = "{\"applicationId\":\"" + applicationId + "\",\"decisionId\":\"" + decisionId
                + "\",\"applicantUscc\":\"91350100M000100Y43\",\"accountName\":\"Xiamen Test Co., Ltd.\","
                + "\"accountNumber\":\"6222020200112233445\",\"bankCode\":\"102393000019\",\"bankName\":\"ICBC Xiamen\","
                + "\"snapshottedAt\":\"2026-06-15T02:00:01Z\"}";
        kafka().produceStrings().fromRecords(Fixtures.fromOwner(CloudEventRecords.event("applications.events", UUID.randomUUID().toString(),
                PAYEE, applicationId, payload, Map.of()))).awaitCompletion();
    }

    /** The journal balances and matches every line after each test (issue 5), once in-flight work has settled. */
    @AfterEach
    void journal_balances() {
        Fixtures.assertJournalBalances(ledger);
    }

    static BudgetLineRepository.Line line(BudgetLineRepository lines, int year, String measure) {
        return lines.forYear(year).stream().filter(l -> l.measureCode().equals(measure)).findFirst().orElseThrow();
    }

    @Test
    void an_approved_decision_is_reserved_noticed_approved_instructed_and_settled_with_its_events() {
        String app = "APP-PAY-" + UUID.randomUUID().toString().substring(0, 8);
        // 2024:B1 is used by no other test, so its figures move only by this order
        long before = line(lines, 2024, "B1").disbursedFen();
        send(UUID.randomUUID().toString(), app, decision(app, "B1", 2024, 30_000_000));
        payee(app);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().queryParam("applicationId", app).get("/payments")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].state", equalTo("SETTLED"))
                .body("items[0].id", equalTo("PO-D-" + app)));
        assertEquals(before + 30_000_000, line(lines, 2024, "B1").disbursedFen());

        List<ConsumerRecord<String, String>> events = kafka().consumeStrings().fromTopics("payments.events", Duration.ofSeconds(3))
                .awaitCompletion().getRecords().stream().filter(r -> ("PO-D-" + app).equals(r.key())).toList();
        List<String> types = events.stream().map(r -> CloudEventRecords.header(r, "ce_type")).toList();
        assertEquals(List.of("susong.payments.BudgetReserved.v1", "susong.payments.LedgerEntryPosted.v1",
                "susong.payments.PaymentApproved.v1", "susong.payments.PaymentInstructed.v1", "susong.payments.PaymentDisbursed.v1",
                "susong.payments.LedgerEntryPosted.v1"), types);
        for (ConsumerRecord<String, String> event : events) {
            assertEquals(List.of(), EventContracts.violations(CloudEventRecords.header(event, "ce_type"), event.value()));
            assertEquals(app, CloudEventRecords.header(event, "ce_correlationid"));
        }
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), events.stream().map(r -> CloudEventRecords.header(r, "ce_sequence")).toList());
    }

    @Test
    void one_hundred_concurrent_reservations_never_overdraw_a_line_that_fits_fifty() throws Exception {
        // 2026:A4 is a placeholder line of 50,000,000 CNY: 100 decisions of 1,000,000 CNY, only 50 fit
        BudgetLineRepository.Line before = line(lines, 2026, "A4");
        assertEquals(5_000_000_000L, before.availableFen());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String app = "APP-A4-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            apps.add(app);
            futures.add(pool.submit(() -> orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID()
                    .toString(), "h-" + app, "D-" + app, app, "91350100M000100Y43", "A4", 2026, "HULI", 100_000_000L))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        BudgetLineRepository.Line after = line(lines, 2026, "A4");
        assertEquals(0, after.availableFen(), "exactly the allocation is used, never more");
        assertEquals(5_000_000_000L, after.reservedFen() + after.disbursedFen());
        long waitlisted = apps.stream().map(a -> orders.find(PaymentOrder.idFor("D-" + a)).orElseThrow().state())
                .filter(s -> s == OrderState.WAITLISTED).count();
        assertEquals(50, waitlisted);
    }

    @Test
    void concurrent_reservations_and_the_resumer_finishing_crashed_ones_never_overdraw_a_line() throws Exception {
        // 2024:B3b is set to exactly 30 x 1,000,000 CNY (a journaled adjustment); 10 reservations were cut off by a
        // crash (5 before the charge, 5 after it), 90 more arrive concurrently while two resumers run: 30 fit, no more
        long available = line(lines, 2024, "B3b").availableFen();
        Fixtures.adjustNow(budgets, "2024:B3b", 3_000_000_000L - available, "test: 30 reservations fit");
        Date longAgo = new Date(clock.millis() - 60_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            PaymentOrder crashed = PaymentOrder.open("D-CR-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), "APP-CR-" + i,
                    "91350100M000100Y43", "B3b", 2024, "HULI", Money.ofYuan(1_000_000));
            orderRepository.insert(crashed, "e-" + crashed.id(), "h-" + crashed.id(), longAgo);
            if (i < 5) {
                assertEquals(GuardedCounter.Outcome.APPLIED, lines.reserve("2024:B3b", crashed.id(), crashed.amount().fen()));
            }
            ids.add(crashed.id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            futures.add(pool.submit(() -> orders.resumeIntents()));
        }
        for (int i = 0; i < 90; i++) {
            String app = "APP-CC-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            ids.add("PO-D-" + app);
            futures.add(pool.submit(() -> orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID()
                    .toString(), "h-" + app, "D-" + app, app, "91350100M000100Y43", "B3b", 2024, "HULI", 100_000_000L))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().noneMatch(id -> orders.find(id).orElseThrow().state()
                == OrderState.RESERVING));
        BudgetLineRepository.Line after = line(lines, 2024, "B3b");
        assertEquals(0, after.availableFen(), "exactly the line is used, never more");
        long reserved = ids.stream().map(id -> orders.find(id).orElseThrow()).filter(o -> o.state() != OrderState.WAITLISTED
                && !(o.state() == OrderState.RELEASED && org.susong.payments.domain.ReleaseReason.WAITLIST_LAPSED == o.releaseReason())
                && o.state() != OrderState.RELEASING).count();
        assertEquals(30, reserved, "30 of 100 orders hold money (the rest wait: 2024 is not closed)");
    }

    @Test
    void a_crash_between_intent_and_charge_or_charge_and_transition_is_finished_once_by_the_resumer() {
        PaymentOrder beforeCharge = PaymentOrder.open("D-CRASH-1", "APP-CRASH-1", "91350100M000100Y43", "B3a", 2024, "HULI",
                Money.ofYuan(100_000));
        PaymentOrder afterCharge = PaymentOrder.open("D-CRASH-2", "APP-CRASH-2", "91350100M000100Y43", "B3a", 2024, "HULI",
                Money.ofYuan(200_000));
        long available = line(lines, 2024, "B3a").availableFen();
        Date longAgo = new Date(clock.millis() - 60_000);
        orderRepository.insert(beforeCharge, "e-crash-1", "h1", longAgo);
        orderRepository.insert(afterCharge, "e-crash-2", "h2", longAgo);
        assertEquals(GuardedCounter.Outcome.APPLIED, lines.reserve("2024:B3a", afterCharge.id(), afterCharge.amount().fen()));
        payee("APP-CRASH-1", "D-CRASH-1");
        payee("APP-CRASH-2", "D-CRASH-2");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(OrderState.SETTLED, orders.find(beforeCharge.id()).orElseThrow().state());
            assertEquals(OrderState.SETTLED, orders.find(afterCharge.id()).orElseThrow().state());
        });
        BudgetLineRepository.Line line = line(lines, 2024, "B3a");
        assertEquals(available - 30_000_000L, line.availableFen(), "each order charged exactly once");
    }

    @Test
    void a_redelivered_decision_makes_one_order_and_a_modified_one_is_dead_lettered() {
        String app = "APP-DUP-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        send(eventId, app, decision(app, "B1", 2026, 20_000_000));
        send(eventId, app, decision(app, "B1", 2026, 20_000_000));
        send(eventId, app, decision(app, "B1", 2026, 99_000_000));
        ConsumerRecord<String, String> dead = kafka().consumeStrings().fromTopics("payments.dlq").awaitRecords(1,
                Duration.ofSeconds(20)).getRecords().stream().filter(r -> ("D-" + app).equals(r.key())).findFirst().orElseThrow();
        assertTrue(CloudEventRecords.header(dead, "dead-letter-reason").contains("modified request"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().queryParam("applicationId", app).get("/payments")
                .then().body("items.size()", equalTo(1)).body("items[0].amountFen", equalTo(20_000_000)));
        // counted by the shared consumer (commons ModifiedRequest), for ops to see
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("susong_events_modified_total{")
                && l.contains("EligibilityDecided") && !l.endsWith(" 0.0")), "modified requests counted");
    }

    @Test
    void the_contract_example_of_a_decision_is_read_by_this_consumer() {
        String example = EventContracts.example(DECIDED);
        kafka().produceStrings().fromRecords(Fixtures.fromOwner(CloudEventRecords.event("eligibility.events", UUID.randomUUID().toString(), DECIDED,
                "D-APP-20261129-7K3M9Q2XWD", example, Map.of()))).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().queryParam("applicationId", "APP-20261129-7K3M9Q2XWD")
                .get("/payments").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].id", equalTo("PO-D-APP-20261129-7K3M9Q2XWD")).body("items[0].amountFen", equalTo(30_000_000))
                .body("items[0].budgetLine", equalTo("2026:B1")).body("items[0].district", equalTo("HULI")));
    }

    @Test
    void budgets_are_reported_per_year_against_the_fiscal_commitment_and_bad_requests_are_problems() {
        user().get("/budgets/2026").then().statusCode(200).body("year", equalTo(2026)).body("lines.size()", equalTo(7))
                .body("totals.fiscalCommitmentFen", equalTo(3_000_000_000_000L)).body("lines[0].placeholder", equalTo(true));
        user().get("/budgets/2031").then().statusCode(404).contentType("application/problem+json")
                .body("paidFrom", equalTo("/budgets/2026"));
        // a misspelt filter is refused naming it, never read as "no filter"
        user().queryParam("applicationID", "APP-x").get("/payments").then().statusCode(400)
                .body("field", equalTo("applicationID"));
        given().header("X-User", "someone").post("/payments/PO-x/approvals").then().statusCode(403);
        user().post("/payments/PO-nope/approvals").then().statusCode(404);
    }
}
