package org.susong.eligibility.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.eligibility.application.AwardService;

/** Registered technology contracts are rewarded automatically (B3b); cancellations and lower amendments revise the award. */
@ApplicationScoped
public class ContractEventsConsumer implements ReplayConsumer.Routes {

    static final String REGISTERED = EventHeaders.type("tech-contracts", "ContractRegistered", 1);
    static final String AMENDED = EventHeaders.type("tech-contracts", "ContractAmended", 1);
    static final String CANCELLED = EventHeaders.type("tech-contracts", "ContractCancelled", 1);

    private final EventConsumer consumer;
    private final AwardService awards;
    private final Map<String, Consumer<InboundEvent>> handlers;

    ContractEventsConsumer(EventConsumer consumer, AwardService awards) {
        this.consumer = consumer;
        this.awards = awards;
        this.handlers = Map.of(REGISTERED, this::registered, AMENDED, this::amended, CANCELLED, this::cancelled);
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("tech-contracts.events", handlers);
    }

    @Incoming("contracts-in")
    @Blocking
    public CompletionStage<Void> onContracts(Message<String> message) {
        return consumer.consume(message, handlers);
    }

    private void registered(InboundEvent e) {
        long technical = e.number("technicalTransactionAmountFen");
        if (technical <= 0) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": technicalTransactionAmountFen must be positive");
        }
        awards.registered(new AwardService.Contract(e.id(), e.text("contractId"), e.text("registrationNumber"),
                optional(e, "sellerUscc"), optional(e, "sellerName"), optional(e, "buyerUscc"), optional(e, "buyerName"),
                e.text("sellerDistrict"), e.text("registeredOn"), technical));
    }

    private void amended(InboundEvent e) {
        awards.amended(e.id(), e.text("contractId"), amount(e, "before"), amount(e, "after"));
    }

    private void cancelled(InboundEvent e) {
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

    private static String optional(InboundEvent e, String field) {
        JsonNode node = e.data().get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
