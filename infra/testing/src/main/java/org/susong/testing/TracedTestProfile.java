package org.susong.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A {@code @TestProfile} with traces on (issue 17 item 5): the OpenTelemetry SDK, off in the test profile
 * (commons' microprofile-config.properties), records every span and hands it within 50 ms to the exporters
 * the service's tests provide as CDI beans (an {@code InMemorySpanExporter}). Nothing is sent anywhere:
 * no OTLP endpoint is reachable from a test.
 */
public class TracedTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.traces.sampler", "always_on",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
