package org.susong.infra.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code @TestProfile} that runs the service in the {@code prod} configuration profile itself: every
 * {@code %prod.} entry applies, at build time too (the test profile is built anew), and no {@code %test.} one.
 * Only what a test JVM cannot have is overridden: OIDC verifies {@link TestTokens}' tokens instead of asking an
 * identity provider, and the management interface listens on a free port ({@code quarkus.management.test-port=0};
 * the public port is already free, {@code quarkus.http.test-port=0}). Broker and store come from
 * {@link LocalInfraTestResource} as for every test.
 */
public class ProdTestProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(TestTokens.oidcConfig());
        config.put("quarkus.management.test-port", "0");
        return config;
    }
}
