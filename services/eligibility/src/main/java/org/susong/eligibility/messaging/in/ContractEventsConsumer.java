package org.susong.eligibility.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.eligibility.application.AwardService;
import org.susong.eligibility.application.ContractRegistry;

/**
 * Technology-contract events keep eligibility's projection of the registry (B3b applications are checked
 * against it), then registered contracts are rewarded automatically (B3b); cancellations and lower
 * amendments revise the award. The projection is written first; both writes are idempotent, so a retry
 * after either redoes nothing twice. The same handlers serve the replay channel, so a contract's events can
 * come out of order (a registration replayed after its cancellation or amendment): each projection write is
 * one upsert that keeps the others' marks, and the registration reads them (before its proposal, and again
 * after writing it: each side writes before it reads the other).
 */
@ApplicationScoped
public class ContractEventsConsumer implements ReplayConsumer.Routes {

    static final String REGISTERED = EventHeaders.type("tech-contracts", "ContractRegistered", 1);
    static final String AMENDED = EventHeaders.type("tech-contracts", "ContractAmended", 1);
    static final String CANCELLED = EventHeaders.type("tech-contracts", "ContractCancelled", 1);

    private final EventConsumer consumer;
    private final AwardService awards;
    private final ContractRegistry registry;
    private final Map<String, Consumer<InboundEvent>> handlers;

    ContractEventsConsumer(EventConsumer consumer, AwardService awards, ContractRegistry registry) {
        this.consumer = consumer;
        this.awards = awards;
        this.registry = registry;
        this.handlers = Map.of(REGISTERED, this::registered, AMENDED, this::amended, CANCELLED, this::cancelled);
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("tech-contracts.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}, issue 14 item 2): consecutive registrations are projected with one
     * bulk write ({@link #registeredAll}), amendments and cancellations one by one in their place, each record acked
     * after its writes or dead-lettered alone (commons {@code EventConsumer.consumeBatch}).
     */
    @Incoming("contracts-in")
    @Blocking
    public CompletionStage<Void> onContracts(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(REGISTERED, this::registeredAll), handlers);
    }

    /**
     * Registrations together: the projection of all of them first (one ordered bulk upsert, so each contract's
     * projection is written before its award, as on the single path), then each contract's award in offset order
     * ({@link AwardService#registered}: intent-first cap, idempotent per contract). A record refused for good is
     * answered by its event id; a transient failure repeats the whole call, which redoes nothing twice (every
     * write is idempotent by registration number, proposal id or event id).
     */
    private Map<String, RuntimeException> registeredAll(List<InboundEvent> events) {
        Map<String, RuntimeException> refused = new HashMap<>();
        List<InboundEvent> valid = new ArrayList<>();
        List<ContractRegistry.Registration> projected = new ArrayList<>();
        for (InboundEvent e : events) {
            try {
                projected.add(registration(e));
                valid.add(e);
            } catch (PermanentFailure bad) {
                refused.put(e.id(), bad);
            }
        }
        registry.registeredAll(projected);
        for (InboundEvent e : valid) {
            try {
                awards.registered(contract(e));
            } catch (RuntimeException failed) {
                if (EventConsumer.isTransient(failed)) {
                    throw failed;
                }
                refused.put(e.id(), failed);
            }
        }
        return refused;
    }

    private void registered(InboundEvent e) {
        registry.registered(registration(e));
        awards.registered(contract(e));
    }

    private static ContractRegistry.Registration registration(InboundEvent e) {
        long technical = e.number("technicalTransactionAmountFen");
        if (technical <= 0) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": technicalTransactionAmountFen must be positive");
        }
        return new ContractRegistry.Registration(e.id(), e.text("contractId"), e.text("registrationNumber"),
                e.optionalText("sellerUscc"), e.optionalText("buyerUscc"), e.text("registeredOn"), technical);
    }

    private static AwardService.Contract contract(InboundEvent e) {
        return new AwardService.Contract(e.id(), e.text("contractId"), e.text("registrationNumber"),
                e.optionalText("sellerUscc"), e.optionalText("sellerName"), e.optionalText("buyerUscc"),
                e.optionalText("buyerName"), e.text("sellerDistrict"), e.text("registeredOn"),
                e.number("technicalTransactionAmountFen"));
    }

    private void amended(InboundEvent e) {
        JsonNode after = e.data().path("after");
        registry.amended(e.id(), e.text("contractId"), e.text("registrationNumber"), e.data().path("amendmentNumber").asInt(),
                amount(e, "after"), party(after, "seller"), party(after, "buyer"));
        awards.amended(e.id(), e.text("contractId"), amount(e, "before"), amount(e, "after"));
    }

    private void cancelled(InboundEvent e) {
        JsonNode terms = e.data().path("terms");
        registry.cancelled(e.id(), e.text("contractId"), e.text("registrationNumber"), e.text("cancelledOn"),
                e.data().path("reason").asText("cancelled"), party(terms, "seller"), party(terms, "buyer"),
                terms.path("technicalTransactionAmountFen").asLong(0));
        awards.cancelled(e.id(), e.text("contractId"), e.data().path("reason").asText("cancelled"));
    }

    private static long amount(InboundEvent e, String side) {
        JsonNode node = e.data().path(side).path("technicalTransactionAmountFen");
        if (!node.canConvertToLong()) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has no whole number '" + side
                    + ".technicalTransactionAmountFen'");
        }
        return node.asLong();
    }

    /** A party's USCC in an amendment's or cancellation's terms; a foreign party has none. */
    private static String party(JsonNode terms, String side) {
        JsonNode uscc = terms.path(side).get("uscc");
        return uscc == null || uscc.isNull() ? null : uscc.asText();
    }
}
