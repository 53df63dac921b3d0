package org.susong.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code @TestProfile} that runs the service in the {@code prod} configuration profile itself: every
 * {@code %prod.} entry applies, at build time too (the test profile is built anew), and no {@code %test.} one.
 * Only what a test JVM cannot have is overridden: OIDC verifies {@link TestTokens}' tokens instead of asking an
 * identity provider, and the management interface listens on a free port ({@code quarkus.management.test-port=0};
 * the public port is already free, {@code quarkus.http.test-port=0}), and the field-encryption key that prod takes
 * from a Secret is a random one made per JVM (payee account numbers, issue 23 item 11). Broker and store come from
 * {@link LocalInfraTestResource} as for every test.
 */
public class ProdTestProfile implements QuarkusTestProfile {

    private static final String PROD_TEST_KEY;

    static {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        PROD_TEST_KEY = java.util.Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String getConfigProfile() {
        return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(TestTokens.oidcConfig());
        config.put("quarkus.management.test-port", "0");
        config.put("susong.crypto.keys.prodtest", PROD_TEST_KEY);
        config.put("susong.crypto.active-key", "prodtest");
        return config;
    }
}
