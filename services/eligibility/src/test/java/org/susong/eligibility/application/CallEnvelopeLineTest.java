package org.susong.eligibility.application;

import static org.susong.testing.TestBroker.kafka;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import com.mongodb.client.MongoClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.persistence.CallRepository;
import org.susong.eligibility.persistence.LineJournal;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 19, bad input "a call whose envelope exceeds the line → problem+json, nothing applied" (measure C1): eligibility
 * keeps the budget lines' available amounts from payments' journal entries ({@code LedgerEntryPosted.v1} on
 * {@code payments.events}, through the real broker), and {@code POST /calls} with an envelope larger than what its line
 * has available answers 422 {@code envelopeFen} naming the line, nothing stored and nothing published. A redelivered
 * entry counts once, an allocation taken back counts down, an entry that moves nothing on {@code available} changes
 * nothing; a malformed entry, an entry id kept before with another amount and a fractional fen are each dead-lettered
 * and the entry after them on the same key still counts. The test leaves the shared line {@code 2026:C1} tens of
 * millions of CNY higher in this store: other tests' envelopes are a few million.
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class CallEnvelopeLineTest {

    static final String POSTED = "susong.payments.LedgerEntryPosted.v1";
    static final String LINE = "2026:C1";
    static final long MILLION = 100_000_000L; // 1,000,000 CNY in fen

    @Inject
    LineJournal lines;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    static String entry(String entryId, String kind, String document, long fen, String from, String to) {
        return "{\"entryId\":\"" + entryId + "\",\"kind\":\"" + kind + "\",\"documentId\":\"" + document
                + "\",\"budgetLine\":\"" + LINE + "\",\"amountFen\":" + fen + ",\"postings\":[{\"account\":\"" + LINE + "/"
                + from + "\",\"fen\":" + (-fen) + "},{\"account\":\"" + LINE + "/" + to + "\",\"fen\":" + fen + "}],"
                + "\"postedAt\":\"2026-06-15T02:00:00Z\"}";
    }

    static void post(String key, String payload) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("payments.events", UUID.randomUUID().toString(), POSTED,
                key, payload, Map.of())).awaitCompletion();
    }

    @Test
    void an_envelope_larger_than_the_lines_available_amount_is_refused_with_422_and_nothing_is_opened() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        OptionalLong before = lines.available(LINE);
        long start = before.orElse(0);
        String allocation = entry("AL-" + run + ":allocate", "ALLOCATION", "AL-" + run, 100 * MILLION, "appropriation", "available");
        String reservation = entry("PO-D-" + run + ":reserve", "RESERVATION", "PO-D-" + run, 60 * MILLION, "available", "reserved");
        String draw = entry("PO-D-X" + run + ":reserve", "ENVELOPE_DRAW", "PO-D-X" + run, 5 * MILLION, "reserved", "reserved");
        for (String valid : List.of(allocation, reservation, draw)) {
            assertEquals(List.of(), EventContracts.violations(POSTED, valid));
        }
        String cut = entry("AL-C" + run + ":allocate", "ALLOCATION", "AL-C" + run, -2 * MILLION, "appropriation", "available")
                .replace("\"amountFen\":-", "\"amountFen\":"); // an allocation taken back: available down
        assertEquals(List.of(), EventContracts.violations(POSTED, cut));
        post("AL-" + run, allocation);
        post("AL-C" + run, cut);
        post("PO-D-" + run, reservation);
        post("PO-D-" + run, reservation); // redelivered: counts once
        post("PO-D-X" + run, draw); // within reserved: available unchanged
        // on the reservation's key (one partition, after it): a malformed entry, the same entry id with another amount,
        // a fractional fen - each dead-lettered alone - then a release that still counts
        String poisonKey = "PO-D-" + run;
        post(poisonKey, "{\"entryId\":\"" + poisonKey + ":bad\",\"kind\":\"RESERVATION\",\"budgetLine\":\"" + LINE
                + "\",\"postedAt\":\"2026-06-15T02:00:00Z\"}"); // no postings
        post(poisonKey, reservation.replace(String.valueOf(60 * MILLION), String.valueOf(6 * MILLION)));
        post(poisonKey, entry("PO-D-" + run + ":frac", "RESERVATION", "PO-D-" + run, 5, "available", "reserved")
                .replace("-5}", "-5.5}"));
        post(poisonKey, entry("PO-D-" + run + ":release", "RELEASE", "PO-D-" + run, MILLION, "reserved", "available"));
        long expected = start + 100 * MILLION - 2 * MILLION - 60 * MILLION + MILLION;
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.available(LINE), a -> a.equals(OptionalLong.of(expected)));

        long over = expected + 1;
        long said = CallsTest.admin().body(CallsTest.callBody(over, false, 60, "facts.stage == 'GROWTH'")).post("/calls").then()
                .statusCode(422).contentType("application/problem+json").body("field", equalTo("envelopeFen"))
                .body("budgetLine", equalTo(LINE)).extract().jsonPath().getLong("availableFen");
        assertEquals(expected, said, "the problem names the line's available amount");
        List<ConsumerRecord<String, String>> opened = kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(3)).awaitCompletion().getRecords().stream()
                .filter(r -> CallsTest.OPENED.equals(CloudEventRecords.header(r, "ce_type")))
                .filter(r -> r.value().contains("\"envelopeFen\":" + over)).toList();
        assertEquals(List.of(), opened, "a refused call publishes nothing");
        assertEquals(0, mongo.getDatabase(database).getCollection(CallRepository.COLLECTION)
                .countDocuments(new Document("envelopeFen", over)), "a refused call is not stored");

        String callId = CallsTest.admin().body(CallsTest.callBody(expected, false, 60, "facts.stage == 'GROWTH'"))
                .post("/calls").then().statusCode(201).body("state", equalTo("OPEN")).extract().path("callId");
        assertTrue(callId.startsWith("CALL-C1-"), callId);

        List<ConsumerRecord<String, String>> dead = kafka().consumeStrings()
                .fromTopics("eligibility.dlq", Duration.ofSeconds(3)).awaitCompletion().getRecords();
        assertEquals(3, dead.stream().filter(r -> poisonKey.equals(r.key())).count(),
                "the malformed entry, the modified one and the fractional one dead-lettered, nothing else of the key");
    }
}
