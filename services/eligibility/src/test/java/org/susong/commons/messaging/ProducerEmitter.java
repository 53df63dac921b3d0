package org.susong.commons.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The relay's emitter for tests of commons' relay and sweeper: a real Kafka producer (to the test
 * broker, or to a port nobody listens on), acking a message when the broker acknowledged it and
 * nacking it with the producer's error, as the SmallRye sink does. Records the ids it got
 * acknowledged, in order.
 */
final class ProducerEmitter implements Emitter<String>, AutoCloseable {

    final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    /** Told each acknowledged id, before the relay is (a benchmark's writer waits for its event). */
    volatile java.util.function.Consumer<String> onAcknowledged = id -> { };
    private final KafkaProducer<String, String> producer;

    ProducerEmitter(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Message<? extends String>> void send(M message) {
        String id = message.getMetadata(OutgoingCloudEventMetadata.class).map(m -> m.getId()).orElseThrow();
        OutgoingKafkaRecordMetadata<String> kafka = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        try {
            producer.send(new ProducerRecord<>(kafka.getTopic(), kafka.getKey(), message.getPayload()), (metadata, error) -> {
                if (error == null) {
                    acknowledged.add(id);
                    onAcknowledged.accept(id);
                    message.ack();
                } else {
                    message.nack(error);
                }
            });
        } catch (RuntimeException e) {
            message.nack(e);
        }
    }

    @Override
    public CompletionStage<Void> send(String payload) {
        throw new UnsupportedOperationException("the relay sends messages");
    }

    @Override
    public void complete() {
    }

    @Override
    public void error(Exception e) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }

    @Override
    public void close() {
        producer.close();
    }
}
