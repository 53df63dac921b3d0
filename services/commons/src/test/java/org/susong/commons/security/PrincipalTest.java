package org.susong.commons.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 13 item 3: who sees a resource of a district and USCC. */
class PrincipalTest {

    private static final String HULI_USCC = "91350200MA31G8Q17K";

    @Test
    void an_officer_sees_its_own_district_only_whatever_the_spelling() {
        Principal huli = new Principal("o", Set.of("officer"), Optional.of("Huli"), Optional.empty());
        assertTrue(huli.sees("HULI", HULI_USCC));
        assertTrue(huli.sees("湖里区", HULI_USCC));
        assertFalse(huli.sees("SIMING", HULI_USCC));
        assertFalse(new Principal("o", Set.of("officer"), Optional.empty(), Optional.empty()).sees("HULI", HULI_USCC));
    }

    @Test
    void an_applicant_sees_its_own_uscc_only_and_city_wide_roles_see_all() {
        Principal applicant = new Principal("a", Set.of("applicant"), Optional.empty(), Optional.of(HULI_USCC));
        assertTrue(applicant.sees("SIMING", HULI_USCC));
        assertFalse(applicant.sees("HULI", "91350100M000100Y43"));
        Principal auditor = new Principal("x", Set.of("auditor"), Optional.empty(), Optional.empty());
        assertTrue(auditor.sees("SIMING", "91350100M000100Y43", Principal.AUDITOR));
        assertFalse(auditor.sees("SIMING", "91350100M000100Y43", Principal.FINANCE));
    }

    @Test
    void a_fund_manager_manages_its_listed_funds_only() {
        Principal manager = new Principal("m", Set.of("fund-manager"), Optional.empty(), Optional.empty(), Set.of("F1"));
        assertTrue(manager.manages("F1"));
        assertFalse(manager.manages("F2"));
        assertFalse(new Principal("m", Set.of("admin"), Optional.empty(), Optional.empty(), Set.of("F1")).manages("F1"));
    }
}
