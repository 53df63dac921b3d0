package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.susong.testing.CloudEventRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The auditor's own checks: dead letters on the real local broker, the per-application join on hand-built reports. */
class AuditTest {

    @RegisterExtension
    static final RunningInfra infra = new RunningInfra("audit-test");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_dead_letter_without_the_test_poison_marker_is_a_breach_and_a_marked_one_is_not() throws Exception {
        String bootstrap = infra.settings().kafkaBootstrap();
        Audit.CheckResult before = Audit.deadLetters(bootstrap); // what other tests of this class wrote on the broker
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(CloudEventRecords.poison("payments.dlq", "made-on-purpose")).get();
            producer.send(new ProducerRecord<>("eligibility.dlq", "APP-REAL-1", "{\"broken\":true}")).get();
        }

        Audit.CheckResult check = Audit.deadLetters(bootstrap);

        assertEquals(Audit.DLQ_CHECK, check.name());
        assertEquals(before.checked() + 2, check.checked(), "both dead letters read from the beginning");
        List<String> added = check.breaches().stream().filter(b -> !before.breaches().contains(b)).toList();
        assertEquals(1, added.size(), check.breaches().toString());
        assertTrue(added.get(0).startsWith("eligibility.dlq-"), check.breaches().toString());
        assertTrue(added.get(0).contains("APP-REAL-1"), check.breaches().toString());
    }

    @Test
    void dead_letters_handed_on_by_platform_replay_are_counted_as_replayed_and_only_newer_ones_are_breaches() throws Exception {
        String bootstrap = infra.settings().kafkaBootstrap();
        // fund-investments.dlq: no other test of this class writes it
        try (KafkaProducer<String, String> producer = DeadLetterReplayTest.producer(bootstrap)) {
            producer.send(DeadLetterReplayTest.deadLetter("fund-investments.dlq", CloudEventRecords.event("payments.events",
                    "fi-1", "susong.payments.ConversionRequested.v1", "D-FI-1", "{}", Map.of()), "payments.events")).get();
        }
        assertEquals(1, fundBreaches(Audit.deadLetters(bootstrap)).size(), "a dead letter no one handled is a breach");

        assertEquals(1, DeadLetterReplay.replay(bootstrap, "fund-investments.dlq", java.time.Duration.ofSeconds(2)));

        Audit.CheckResult afterReplay = Audit.deadLetters(bootstrap);
        assertEquals(List.of(), fundBreaches(afterReplay), "replayed: handed back to fund-investments, not a breach");
        assertEquals(1, afterReplay.replayed(), "and counted as replayed");
        assertTrue(afterReplay.description().contains("1 replayed"), afterReplay.description());

        // the replayed record failing again (or any newer dead letter) is a breach until it is replayed too
        try (KafkaProducer<String, String> producer = DeadLetterReplayTest.producer(bootstrap)) {
            producer.send(DeadLetterReplayTest.deadLetter("fund-investments.dlq", CloudEventRecords.event("payments.events",
                    "fi-2", "susong.payments.ConversionRequested.v1", "D-FI-2", "{}", Map.of()), "payments.events")).get();
        }
        Audit.CheckResult newer = Audit.deadLetters(bootstrap);
        assertEquals(1, fundBreaches(newer).size(), newer.breaches().toString());
        assertTrue(fundBreaches(newer).get(0).contains("D-FI-2"), newer.breaches().toString());
        assertEquals(1, newer.replayed());
    }

    private static List<String> fundBreaches(Audit.CheckResult check) {
        return check.breaches().stream().filter(b -> b.startsWith("fund-investments.dlq-")).toList();
    }

    @Test
    void an_open_application_is_waiting_in_progress_or_stalled_and_one_with_a_final_order_is_a_breach() throws Exception {
        JsonNode applications = JSON.readTree("""
                {"service":"applications","resumeDelaySeconds":0,
                 "checks":[{"name":"applications.status-matches-timeline","checked":9,"breaches":[]}],
                 "inProgress":[
                   {"id":"A1","applicationId":"A1","state":"PAYMENT_SCHEDULED","ageSeconds":500,"reference":"D-A1"},
                   {"id":"A2","applicationId":"A2","state":"APPROVED","ageSeconds":500,"reference":"D-A2"},
                   {"id":"A3","applicationId":"A3","state":"SUBMITTED","ageSeconds":5,"reference":null},
                   {"id":"A4","applicationId":"A4","state":"ON_HOLD","ageSeconds":500,"reference":"D-A4"},
                   {"id":"A5","applicationId":"A5","state":"PAYMENT_SCHEDULED","ageSeconds":500,"reference":"D-A5-R1"}]}""");
        JsonNode payments = JSON.readTree("""
                {"service":"payments","resumeDelaySeconds":30,"checks":[],
                 "waiting":[{"id":"PO-D-A1","applicationId":"A1","state":"AWAITING_APPROVAL","ageSeconds":400,"reference":"D-A1"},
                            {"id":"PO-D-A5-R1","applicationId":"A5","state":"IN_NOTICE","ageSeconds":10,"reference":"D-A5-R1"}],
                 "finished":[{"id":"PO-D-A4","applicationId":"A4","state":"RELEASED","ageSeconds":400,"reference":"D-A4"},
                             {"id":"PO-D-A5","applicationId":"A5","state":"RELEASED","ageSeconds":400,"reference":"D-A5"}]}""");
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        reports.put("applications", applications);
        reports.put("payments", payments);
        List<String> waiting = new ArrayList<>();
        List<String> inProgress = new ArrayList<>();

        List<Audit.CheckResult> checks = Audit.joinApplications(reports, 60, waiting, inProgress);

        Audit.CheckResult stalled = checks.get(0);
        assertEquals(Audit.APPLICATION_CHECK, stalled.name());
        assertEquals(9, stalled.checked());
        assertEquals(List.of("A2", "A4"), stalled.breaches().stream().map(b -> b.substring(0, 2)).toList(), stalled.toString());
        Audit.CheckResult finalOrder = checks.get(1);
        assertEquals(Audit.FINAL_ORDER_CHECK, finalOrder.name());
        // A5 is in round 1: the released order of round 0 is not its current decision's
        assertEquals(1, finalOrder.breaches().size(), finalOrder.toString());
        assertTrue(finalOrder.breaches().get(0).startsWith("A4 - still ON_HOLD but its order PO-D-A4 has been RELEASED"));
        assertEquals(2, waiting.size(), waiting.toString());
        assertTrue(waiting.get(0).contains("A1") && waiting.get(0).contains("AWAITING_APPROVAL, 400 s"), waiting.toString());
        assertEquals(1, inProgress.size());
        assertTrue(inProgress.get(0).contains("A3"));
    }

    @Test
    void a_breach_counts_only_when_a_second_reading_finds_it_again() throws Exception {
        // the first reading sees a line mid-movement (L1) and a real breach (L2); the second only L2
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer payments = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        payments.createContext("/admin/audit", exchange -> {
            String breaches = calls.getAndIncrement() == 0
                    ? "{\"id\":\"L1\",\"detail\":\"in flight\"},{\"id\":\"L2\",\"detail\":\"moved by hand, 1\"}"
                    : "{\"id\":\"L2\",\"detail\":\"moved by hand, 2\"}";
            byte[] body = ("{\"service\":\"payments\",\"resumeDelaySeconds\":30,\"checks\":[{\"name\":\"payments.x\","
                    + "\"checked\":2,\"breaches\":[" + breaches + "]}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        payments.start();
        try {
            Audit.Result result = Audit.run(new Audit.Target(Map.of("payments", "http://127.0.0.1:"
                    + payments.getAddress().getPort()), infra.settings().kafkaBootstrap()), java.time.Duration.ofMillis(100));

            assertEquals(2, calls.get());
            assertEquals(List.of("payments.x: L2 - moved by hand, 2"),
                    result.breaches().stream().filter(b -> b.startsWith("payments.x")).toList());
            assertEquals(1, result.exitCode());
        } finally {
            payments.stop(0);
        }
    }

    @Test
    void a_service_that_cannot_be_reached_makes_the_audit_incomplete() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("payments", "http://127.0.0.1:" + PlatformProcesses.freePort());

        Audit.Result result = Audit.run(new Audit.Target(urls, infra.settings().kafkaBootstrap()));

        assertEquals(2, result.exitCode());
        assertTrue(result.unreachable().get(0).startsWith("payments at "), result.unreachable().toString());
    }
}
