package org.susong.portal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersonTest {

    private static final String USCC = "91350200MA31G8Q17K";

    @Test
    void a_person_travels_in_its_cookie_and_comes_back_the_same() {
        Person officer = Person.of("officer-1", Role.OFFICER, District.HULI, null, null);
        Person applicant = Person.of("me", Role.APPLICANT, null, USCC, null);
        Person manager = Person.of("fm-1", Role.FUND_MANAGER, null, null, "FUND-VENTURE,FUND-TECH-INNOVATION");
        for (Person p : List.of(officer, applicant, manager)) {
            assertEquals(Optional.of(p), Person.decode(p.encode()));
        }
    }

    @Test
    void the_header_stub_names_the_user_role_and_the_roles_claim_only() {
        assertEquals(Map.of("X-User", "officer-1", "X-Roles", "officer", "X-District", "HULI", "X-Acting-For", "",
                "X-Funds", ""), Person.of("officer-1", Role.OFFICER, District.HULI, USCC, null).stubHeaders());
        assertEquals(Map.of("X-User", "me", "X-Roles", "applicant", "X-District", "", "X-Acting-For", USCC,
                "X-Funds", ""), Person.of("me", Role.APPLICANT, District.HULI, USCC, null).stubHeaders());
    }

    @Test
    void a_role_without_its_claim_is_refused_naming_the_field() {
        assertEquals(List.of("district"), Person.problems("officer-1", Role.OFFICER, null, null, null));
        assertEquals(List.of("actingFor"), Person.problems("me", Role.APPLICANT, null, "91350200", null));
        assertEquals(List.of("funds"), Person.problems("fm-1", Role.FUND_MANAGER, null, null, null));
        assertEquals(List.of("role", "user"), Person.problems("a b", null, null, null, null));
        assertTrue(Person.problems("finance-1", Role.FINANCE, null, null, null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Person.of("officer-1", Role.OFFICER, null, null, null));
    }

    @Test
    void a_malformed_or_invalid_cookie_is_no_one() {
        assertEquals(Optional.empty(), Person.decode(null));
        assertEquals(Optional.empty(), Person.decode("not base64 !"));
        assertEquals(Optional.empty(), Person.decode("b2ZmaWNlci0xCm9mZmljZXIKTk9XSEVSRQoK")); // district NOWHERE
        assertEquals(Optional.empty(), Person.decode("x".repeat(600)));
    }
}
