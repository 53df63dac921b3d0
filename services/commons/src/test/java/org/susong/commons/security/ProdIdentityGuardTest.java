package org.susong.commons.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13: a service started in prod with the header stub on refuses to start and says why. */
class ProdIdentityGuardTest {

    @Test
    void the_stub_in_prod_stops_the_start_with_a_reason() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ProdIdentityGuard.refuseStubIn(List.of("prod"), true));
        assertTrue(refused.getMessage().contains("susong.identity.header-stub"), refused.getMessage());
    }

    @Test
    void prod_with_tokens_and_the_stub_in_local_and_test_start() {
        assertDoesNotThrow(() -> ProdIdentityGuard.refuseStubIn(List.of("prod"), false));
        assertDoesNotThrow(() -> ProdIdentityGuard.refuseStubIn(List.of("local"), true));
        assertDoesNotThrow(() -> ProdIdentityGuard.refuseStubIn(List.of("test"), true));
    }
}
