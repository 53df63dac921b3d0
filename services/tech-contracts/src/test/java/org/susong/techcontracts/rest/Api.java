package org.susong.techcontracts.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.susong.commons.time.BusinessClock;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.Usccs;

/** Principals, request bodies and event look-ups shared by the service tests. */
final class Api {

    /** Today on the service's business clock (commons BusinessClock; the %test profile runs on 2026-06-15). */
    static LocalDate today() {
        return LocalDate.now(Arc.container().instance(Clock.class).get().withZone(BusinessClock.ZONE));
    }

    private Api() {
    }

    static RequestSpecification registrar() {
        return given().header("X-User", "registrar-7").header("X-Roles", "registrar").contentType(ContentType.JSON);
    }

    static RequestSpecification applicantFor(String uscc) {
        return given().header("X-User", "applicant-" + uscc).header("X-Roles", "applicant").header("X-Acting-For", uscc)
                .contentType(ContentType.JSON);
    }

    /** A valid USCC; {@code series} keeps test classes apart in the duplicate guard. */
    static String uscc(String series, int n) {
        return Usccs.valid(series, n);
    }

    /** A development contract of 2,500,000 CNY, 2,100,000 technical, signed 9 days ago. */
    static Map<String, Object> contract(String seller, String buyer) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Marine sensor calibration " + seller);
        body.put("type", "DEVELOPMENT");
        body.put("sellerUscc", seller);
        body.put("buyerUscc", buyer);
        body.put("sellerDistrict", "Haicang");
        body.put("signingDate", today().minusDays(9).toString());
        body.put("contractAmountFen", 250_000_000L);
        body.put("technicalTransactionAmountFen", 210_000_000L);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... fieldsAndValues) {
        Map<String, Object> changed = new HashMap<>(body);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] == null) {
                changed.remove((String) fieldsAndValues[i]);
            } else {
                changed.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        return changed;
    }

    /** The events published for one contract, in order, waiting until {@code count} have arrived. */
    static List<ConsumerRecord<String, String>> events(KafkaCompanion kafka, String contractId, int count) {
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics("tech-contracts.events");
        try {
            return await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                    .filter(r -> contractId.equals(r.key())).toList(), list -> list.size() >= count);
        } finally {
            task.close();
        }
    }

    static String type(ConsumerRecord<String, String> record) {
        return CloudEventRecords.header(record, "ce_type");
    }
}
