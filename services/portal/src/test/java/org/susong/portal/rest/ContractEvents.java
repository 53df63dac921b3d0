package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;

/** The services' events as the projections' tests send them: an event-contracts example, changed, checked, sent. */
final class ContractEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private ContractEvents() {
    }

    /** The type's example (services/event-contracts), to change before sending. */
    static ObjectNode example(String type) throws Exception {
        return (ObjectNode) JSON.readTree(EventContracts.example(type));
    }

    /** Checks the payload against its type's schema, sends it as a CloudEvent with a new id, returns the record. */
    static ProducerRecord<String, String> send(String topic, String type, String key, ObjectNode payload)
            throws Exception {
        String body = JSON.writeValueAsString(payload);
        assertEquals(List.of(), EventContracts.violations(type, body), type + " as sent is not its schema's");
        ProducerRecord<String, String> record = CloudEventRecords.event(topic, UUID.randomUUID().toString(), type, key,
                body, Map.of());
        kafka().produceStrings().fromRecords(record).awaitCompletion();
        return record;
    }
}
