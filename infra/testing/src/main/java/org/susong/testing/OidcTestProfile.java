package org.susong.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A {@code @TestProfile} that runs the service as in production: OIDC bearer tokens on, the header
 * stub off. Tokens come from {@link TestTokens}.
 */
public class OidcTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return TestTokens.oidcConfig();
    }
}
