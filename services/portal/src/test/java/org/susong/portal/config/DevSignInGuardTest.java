package org.susong.portal.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DevSignInGuardTest {

    @Test
    void prod_with_the_development_sign_in_on_refuses_naming_the_key() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DevSignInGuard.refuseIn(List.of("prod"), true));
        assertTrue(refused.getMessage().contains("susong.portal.dev-sign-in=true"), refused.getMessage());
    }

    @Test
    void prod_without_it_and_the_development_profiles_with_it_start() {
        assertDoesNotThrow(() -> DevSignInGuard.refuseIn(List.of("prod"), false));
        assertDoesNotThrow(() -> DevSignInGuard.refuseIn(List.of("local"), true));
        assertDoesNotThrow(() -> DevSignInGuard.refuseIn(List.of("test"), true));
        assertDoesNotThrow(() -> DevSignInGuard.refuseIn(List.of("dev"), true));
    }
}
