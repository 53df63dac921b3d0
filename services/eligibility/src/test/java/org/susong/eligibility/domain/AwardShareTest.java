package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 2: a cap share travels through the application layer as the domain's {@link Award}, stored as the map
 * decisions, proposals and intents have always kept ({@code capShares}, an intent's {@code result}). B3b: cap
 * 1,000,000 CNY per enterprise per year (docs/policy.md); the second award of the year finds 400,000 CNY left.
 */
class AwardShareTest {

    private static final String KEY = "CAP|B3b|91350200MA2XXXXX0X|2026";

    @Test
    void a_partial_grant_keeps_the_stored_fields_in_their_order() {
        Award partial = new Award(KEY, "D-APP-2", 60_000_000L, 40_000_000L, 40_000_000L, 100_000_000L, null);

        Map<String, Object> share = partial.asShare();

        assertEquals(List.of("ledgerKey", "owner", "requestedFen", "grantedFen", "seenFen", "limitFen"),
                List.copyOf(share.keySet()), "the fields and order of capShares as stored before");
        assertFalse(share.containsKey("holder"), "no holder field for a key held by nobody else");
        assertEquals(partial, Award.of(share));
    }

    @Test
    void a_refused_once_only_key_names_its_holder() {
        Award refused = new Award("CAP|B1|C|HIGH_TECH_ENTERPRISE:GR202435100123", "D-APP-9", 30_000_000L, 0, 0, 0,
                "D-APP-1");

        assertEquals("D-APP-1", refused.asShare().get("holder"));
        assertEquals(refused, Award.of(refused.asShare()));
    }

    @Test
    void stored_amounts_read_as_any_number_and_a_share_without_its_granted_amount_is_a_fault_not_zero() {
        Award read = Award.of(Map.of("ledgerKey", KEY, "owner", "AP-C1-1", "requestedFen", 5, "grantedFen", 5L));

        assertEquals(new Award(KEY, "AP-C1-1", 5, 5, 0, 0, null), read);
        // a 0 here would give nothing back to the cap on a revocation or an appeal (second reading of issue 14 item 2)
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Award.of(Map.of("ledgerKey", KEY, "owner", "AP-C1-2", "requestedFen", 5L)));
        assertTrue(missing.getMessage().contains("grantedFen is missing"), missing.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Award.of(Map.of("ledgerKey", KEY, "owner", "AP-C1-3", "requestedFen", 5L, "grantedFen", "5")));
    }
}
