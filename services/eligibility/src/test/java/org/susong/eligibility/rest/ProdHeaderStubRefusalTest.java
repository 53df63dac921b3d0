package org.susong.eligibility.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.ProdTestProfile;

/**
 * Issue 13 item 1: a service started in {@code prod} with the header stub on refuses to start and says why. The
 * service is really started - its main, in the {@code prod} configuration profile ({@link ProdTestProfile}: every
 * {@code %prod.} entry, OIDC on), beside the broker and store - with {@code susong.identity.header-stub=true}. The
 * guard ({@code ProdIdentityGuard}) is in commons and the same for the five services, so one service's start covers it.
 */
@QuarkusMainTest
@TestProfile(ProdHeaderStubRefusalTest.ProdWithTheHeaderStub.class)
@WithTestResource(LocalInfraTestResource.class)
class ProdHeaderStubRefusalTest {

    /** The prod profile, with the development stub switched on as a mistaken deployment would. */
    public static class ProdWithTheHeaderStub extends ProdTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("susong.identity.header-stub", "true");
            return config;
        }
    }

    /**
     * Launched within a time limit: a service that did start would run until stopped, and the test would hang
     * instead of failing.
     */
    @Test
    void a_service_started_in_prod_with_the_header_stub_stops_and_names_the_setting(QuarkusMainLauncher launcher) {
        LaunchResult result = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> launcher.launch(),
                "the service started in prod with the header stub on (it runs until stopped)");
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertEquals(1, result.exitCode(), output);
        assertTrue(output.contains("susong.identity.header-stub=true in the prod profile"), output);
        assertTrue(output.contains("refuses to start"), output);
    }
}
