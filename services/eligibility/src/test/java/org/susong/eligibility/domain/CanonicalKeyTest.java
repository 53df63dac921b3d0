package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 8: a once-only key has one spelling. B1: one award per certificate; B3a: 20,000,000 CNY per project
 * (docs/policy.md).
 */
class CanonicalKeyTest {

    @Test
    void invisible_characters_are_not_part_of_a_key() {
        String plain = CompiledRule.canonical("HIGH_TECH_ENTERPRISE:GR202435100123");
        // zero-width space, soft hyphen, BOM, word joiner, line separator, NEL, Ogham space mark
        for (String invisible : new String[] {"\u200B", "\u00AD", "\uFEFF", "\u2060", "\u2028", "\u0085", "\u1680"}) {
            assertEquals(plain, CompiledRule.canonical("HIGH_TECH_ENTERPRISE:GR2024" + invisible + "35100123"),
                    String.format("U+%04X made another certificate", (int) invisible.charAt(0)));
            assertEquals("2022YFB3400100", CompiledRule.canonical("2022YFB" + invisible + "3400100"),
                    String.format("U+%04X made another project", (int) invisible.charAt(0)));
        }
        // anything else than letters and digits is refused (no key), never a key of its own
        assertNull(CompiledRule.canonical("GR2024\u0301" + "35100123"));
        assertNull(CompiledRule.canonical("GR2024\uD83D\uDE00" + "35100123"));
    }

    @Test
    void a_key_part_of_separators_only_is_no_key() {
        for (String blank : new String[] {"-", "\u2014", " - ", "\u200B"}) {
            assertNull(CompiledRule.canonical("HIGH_TECH_ENTERPRISE:" + blank), "'" + blank + "' became a key");
            assertNull(CompiledRule.canonical(blank + ":GR1"), "'" + blank + "' became a key");
            assertNull(CompiledRule.canonical(blank), "'" + blank + "' became a key");
        }
    }
}
