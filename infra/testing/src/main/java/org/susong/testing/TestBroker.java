package org.susong.testing;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one home of a {@code @QuarkusTest} class's {@link KafkaCompanion} on the test broker ({@link
 * LocalInfraTestResource}'s, as {@code kafka.bootstrap.servers} names it): {@link #kafka()} connects on first use,
 * and, with {@code @ExtendWith(TestBroker.class)} on the class, the companion is closed after the class. A broker
 * started again (another test profile) gets a companion of its own.
 */
public final class TestBroker implements AfterAllCallback {

    private static KafkaCompanion companion;
    private static String servers;

    /** The companion on the running test broker. */
    public static synchronized KafkaCompanion kafka() {
        String now = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        if (companion == null || !now.equals(servers)) {
            close();
            companion = new KafkaCompanion(now);
            servers = now;
        }
        return companion;
    }

    static synchronized void close() {
        if (companion != null) {
            companion.close();
            companion = null;
            servers = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
