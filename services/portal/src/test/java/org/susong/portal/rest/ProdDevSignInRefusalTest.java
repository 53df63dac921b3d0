package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A portal started in {@code prod} with the development sign-in switched on, as a mistaken deployment would, refuses
 * to start and names the setting ({@code DevSignInGuard}; the services' {@code ProdIdentityGuard} does the same for the
 * header stub). Its real main is launched, within a time limit: a portal that did start would run until stopped.
 */
@QuarkusMainTest
@TestProfile(ProdDevSignInRefusalTest.ProdWithDevSignIn.class)
class ProdDevSignInRefusalTest {

    /** {@link ProdSignInTest.Prod}, with the development sign-in switched on. */
    public static class ProdWithDevSignIn extends ProdSignInTest.Prod {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("susong.portal.dev-sign-in", "true", "quarkus.http.port", "0");
        }
    }

    @Test
    void the_portal_stops_and_names_the_setting(QuarkusMainLauncher launcher) {
        LaunchResult result = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> launcher.launch(),
                "the portal started in prod with the development sign-in on (it runs until stopped)");
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertEquals(1, result.exitCode(), output);
        assertTrue(output.contains("susong.portal.dev-sign-in=true in the prod profile"), output);
        assertTrue(output.contains("refuses to start"), output);
    }
}
