package org.susong.commons.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness fails while a topic this service uses is missing or has other partitions than the
 * catalogue says (architecture rule 7, docs/architecture.md#rule-7): a service must not run against a half-made broker, where
 * auto-creation is off and a wrong partition count would silently break per-key order.
 */
@Readiness
@ApplicationScoped
public class TopicsReadiness implements HealthCheck {

    private final OutboxConfig config;
    private final String bootstrapServers;
    private final Map<String, Object> kafka;
    private final TopicCatalogue catalogue = TopicCatalogue.load();
    private volatile AdminClient admin;
    private volatile boolean verified;

    TopicsReadiness(OutboxConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                    @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-topics");
        if (verified) {
            return response.up().withData("topics", String.join(",", config.topics())).build();
        }
        try {
            Map<String, TopicDescription> described = admin().describeTopics(config.topics()).allTopicNames()
                    .get(5, TimeUnit.SECONDS);
            List<String> mismatches = new ArrayList<>();
            for (String name : config.topics()) {
                int expected = catalogue.topic(name).partitions();
                int actual = described.get(name).partitions().size();
                if (expected != actual) {
                    mismatches.add(name + " has " + actual + " partitions, the catalogue says " + expected);
                }
            }
            if (!mismatches.isEmpty()) {
                return response.down().withData("mismatch", String.join("; ", mismatches)).build();
            }
            verified = true;
            return response.up().withData("topics", String.join(",", config.topics())).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getCause() == null ? e : e.getCause())).build();
        }
    }

    private AdminClient admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties properties = new Properties();
                    // log in as the channels do (kafka.security.protocol, kafka.sasl.*, kafka.ssl.*: issue 13)
                    kafka.forEach((key, value) -> {
                        if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                            properties.put(key, value);
                        }
                    });
                    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
                    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
                    admin = AdminClient.create(properties);
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
