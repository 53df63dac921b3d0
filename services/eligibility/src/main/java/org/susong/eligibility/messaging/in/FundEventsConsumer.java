package org.susong.eligibility.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.eligibility.domain.FundScope;
import org.susong.eligibility.persistence.FundScopeRepository;

/**
 * Fund-investments' {@code FundScopePublished.v1} keeps eligibility's projection of each fund's investment scope
 * ({@link FundScopeRepository}), read when a grant-to-investment award is decided (issue 16 item 5). Idempotent by the
 * fund's event sequence: a redelivery or an older scope changes nothing. Other fund-investments events are skipped.
 */
@ApplicationScoped
public class FundEventsConsumer implements ReplayConsumer.Routes {

    static final String SCOPE_PUBLISHED = EventHeaders.type("fund-investments", "FundScopePublished", 1);

    private final EventConsumer consumer;
    private final FundScopeRepository scopes;
    private final Map<String, Consumer<InboundEvent>> handlers;

    FundEventsConsumer(EventConsumer consumer, FundScopeRepository scopes) {
        this.consumer = consumer;
        this.scopes = scopes;
        this.handlers = Map.of(SCOPE_PUBLISHED, this::scopePublished);
    }

    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("fund-investments.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}, issue 14 item 2): scopes are rare, each applied in offset order by its
     * own conditional upsert and acked after it, or dead-lettered alone (commons {@code EventConsumer.consumeBatch}).
     */
    @Incoming("funds-in")
    @Blocking
    public CompletionStage<Void> onFunds(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(), handlers);
    }

    private void scopePublished(InboundEvent e) {
        String sequence = e.extension(EventHeaders.SEQUENCE);
        if (sequence == null || !sequence.matches("[0-9]{1,18}")) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has no event sequence (ce_" + EventHeaders.SEQUENCE + ")");
        }
        scopes.apply(new FundScope(e.text("fundId"), strings(e, "stages"), strings(e, "fields"), Long.parseLong(sequence)));
    }

    private static List<String> strings(InboundEvent e, String field) {
        JsonNode node = e.data().get(field);
        if (node == null || !node.isArray()) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has no list '" + field + "'");
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return values;
    }
}
