package org.susong.portal.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.susong.commons.ids.Hashes;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.messaging.in.EvaluationProjection;
import org.susong.portal.persistence.EvaluationStore;

/**
 * The evaluation rebuilt from the log on demand ({@code POST /evaluation/rebuild}): a new generation of the facts is
 * claimed (from then on the live consumer writes each event to it too), every {@code *.events} topic is read from
 * offset 0 up to its end offsets taken after the claim, each event applied to the new generation only, and then the
 * page is switched to it. What the live consumer had applied before the claim is below those end offsets, what
 * arrives after them it writes to both: the new generation misses nothing. A record that cannot be read (the live
 * consumer dead-lettered it) or that a projection refuses is skipped and counted; a store or broker failure abandons
 * the rebuild (the generation read stays, the failure is shown). The consumer has no group: it commits nothing and
 * moves no offset of the portal's group.
 */
@ApplicationScoped
public class EvaluationRebuild {

    private static final Logger LOG = Logger.getLogger(EvaluationRebuild.class);

    /** The outcome of a rebuild run (for tests and the log). */
    public record Result(int generation, long applied, long skipped, boolean switched) {
    }

    private final EvaluationStore store;
    private final EvaluationProjection projection;
    private final PortalConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    EvaluationRebuild(EvaluationStore store, EvaluationProjection projection, PortalConfig config,
                      @Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        this.store = store;
        this.projection = projection;
        this.config = config;
        this.kafka = kafka;
        this.json = json;
    }

    /** Claims a generation and rebuilds it on a thread of its own; empty when a rebuild is already running. */
    public Optional<Integer> start() {
        Instant now = clock.instant();
        Optional<Integer> claimed = store.claimRebuild(now, now.minus(config.evaluation().rebuildStaleAfter()));
        claimed.ifPresent(generation -> {
            Thread worker = new Thread(() -> run(generation), "evaluation-rebuild-" + generation);
            worker.setDaemon(true);
            worker.start();
        });
        return claimed;
    }

    /** Reads the topics from offset 0 into {@code generation} and switches to it; abandons it on a failure. */
    public Result run(int generation) {
        try {
            Result result = read(generation);
            boolean switched = store.switchTo(generation, clock.instant());
            LOG.infof("evaluation rebuilt into generation %d: %d events applied, %d skipped%s", generation,
                    result.applied(), result.skipped(), switched ? "" : " (another rebuild took over: not switched)");
            return new Result(generation, result.applied(), result.skipped(), switched);
        } catch (RuntimeException e) {
            LOG.errorf(e, "the evaluation rebuild into generation %d failed; the generation read stays", generation);
            store.abandon(generation, e.toString());
            return new Result(generation, 0, 0, false);
        }
    }

    private Result read(int generation) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        long applied = 0;
        long skipped = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : config.evaluation().topics()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.seekToBeginning(partitions);
            List<Integer> target = List.of(generation);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(p)) {
                        continue;
                    }
                    InboundEvent event = event(record);
                    if (event == null) {
                        skipped++;
                        continue;
                    }
                    try {
                        retrying(() -> projection.applyTo(event, target));
                        applied++;
                    } catch (PermanentFailure refused) {
                        skipped++;
                    }
                }
            }
        }
        return new Result(generation, applied, skipped, false);
    }

    /** A store failure that passes is waited out a few times, as the live consumer does; a lasting one ends the run. */
    private static void retrying(Runnable step) {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (!EventConsumer.isTransient(e) || attempt >= 10) {
                    throw e;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    /** The record as commons reads it (CloudEvents binary mode: {@code ce_*} headers, a JSON object); null if not one. */
    InboundEvent event(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null || record.value() == null) {
            return null;
        }
        try {
            JsonNode data = json.readTree(record.value());
            if (data == null || !data.isObject()) {
                return null;
            }
            return new InboundEvent(id, type, header(record, "ce_source"), header(record, "ce_subject"), null, Map.of(),
                    record.value(), Hashes.sha256(record.value()), data);
        } catch (Exception e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
