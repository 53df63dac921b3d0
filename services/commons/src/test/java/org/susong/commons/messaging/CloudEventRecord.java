package org.susong.commons.messaging;

import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** A received record as SmallRye's Kafka connector hands it over in CloudEvents binary mode, its ack and nack recorded. */
final class CloudEventRecord {

    private CloudEventRecord() {
    }

    static Message<String> of(String type, String payload, AtomicBoolean acked, AtomicReference<Throwable> nacked) {
        DefaultIncomingCloudEventMetadata<String> ce = new DefaultIncomingCloudEventMetadata<>("1.0",
                UUID.randomUUID().toString(), URI.create("/susong/test"), type, "application/json", null, "T-1",
                ZonedDateTime.now(), Map.of(), payload);
        return Message.of(payload, Metadata.of(ce)).withAck(() -> {
            acked.set(true);
            return CompletableFuture.completedFuture(null);
        }).withNack(reason -> {
            nacked.set(reason);
            return CompletableFuture.completedFuture(null);
        });
    }
}
