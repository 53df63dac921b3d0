package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.susong.commons.messaging.InboundEvent;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.messaging.in.ContractEventsConsumer;

/**
 * Test fixture: tech-contracts' events (the event-contracts examples, made out to one contract) handed to
 * {@link ContractEventsConsumer}'s handlers - the ones the live channel and the replay channel
 * ({@code eligibility.replay}, commons ReplayConsumer) both call.
 */
final class ContractEvents {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGISTERED = "susong.tech-contracts.ContractRegistered.v1";
    static final String AMENDED = "susong.tech-contracts.ContractAmended.v1";
    static final String CANCELLED = "susong.tech-contracts.ContractCancelled.v1";

    private ContractEvents() {
    }

    /** Hands an event to the contract consumer's handlers, as a channel would. */
    static void deliver(String type, ObjectNode body) {
        deliver(type, body, UUID.randomUUID().toString());
    }

    /** Hands an event with a given id to the handlers: the same id twice is a redelivery. */
    static void deliver(String type, ObjectNode body, String eventId) {
        Arc.container().instance(ContractEventsConsumer.class).get().replayRoutes().get("tech-contracts.events").get(type)
                .accept(new InboundEvent(eventId, type, "/susong/tech-contracts", body.get("contractId").asText(),
                        Instant.parse("2026-06-15T02:00:00Z"), Map.of(), body.toString(), "hash-" + eventId, body));
    }

    static ObjectNode example(String type, String contractId, String number) {
        try {
            ObjectNode e = (ObjectNode) JSON.readTree(EventContracts.example(type));
            return e.put("contractId", contractId).put("registrationNumber", number);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registration: {@code seller} sells, technical transaction amount {@code technicalFen}, registered on 2026-05-02. */
    static ObjectNode registration(String contractId, String number, String seller, long technicalFen) {
        return example(REGISTERED, contractId, number).put("sellerUscc", seller).put("registeredOn", "2026-05-02")
                .put("technicalTransactionAmountFen", technicalFen);
    }

    /** A cancellation of the contract {@code seller} sells. */
    static ObjectNode cancellation(String contractId, String number, String seller) {
        ObjectNode x = example(CANCELLED, contractId, number);
        ((ObjectNode) x.get("terms").get("seller")).put("uscc", seller);
        return x;
    }

    /** Amendment 1 of the contract {@code seller} sells: the technical transaction amount {@code beforeFen -> afterFen}. */
    static ObjectNode amendment(String contractId, String number, String seller, long beforeFen, long afterFen) {
        return amendment(contractId, number, seller, 1, beforeFen, afterFen);
    }

    /** Amendment {@code n} of the contract {@code seller} sells: the technical transaction amount {@code beforeFen -> afterFen}. */
    static ObjectNode amendment(String contractId, String number, String seller, int n, long beforeFen, long afterFen) {
        ObjectNode a = example(AMENDED, contractId, number).put("amendmentNumber", n);
        for (String side : new String[] {"before", "after"}) {
            ((ObjectNode) a.get(side).get("seller")).put("uscc", seller);
        }
        ((ObjectNode) a.get("before")).put("technicalTransactionAmountFen", beforeFen);
        ((ObjectNode) a.get("after")).put("technicalTransactionAmountFen", afterFen);
        return a;
    }
}
