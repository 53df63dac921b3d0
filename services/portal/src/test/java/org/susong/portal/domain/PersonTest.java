package org.susong.portal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void a_token_person_is_its_claims_as_the_services_read_them() {
        Person.FromToken officer = Person.fromToken(new Person.Claims("officer-huli",
                List.of("default-roles-susong", "offline_access", "officer"), "Huli", null, List.of()), "t.o.k");
        assertEquals(List.of(), officer.problems());
        assertEquals(new Person("officer-huli", Role.OFFICER, District.HULI, null, null, new Person.AccessToken("t.o.k")),
                officer.person());
        assertFalse(officer.person().toString().contains("t.o.k"), "the token is never printed: " + officer.person());

        Person applicant = Person.fromToken(new Person.Claims("applicant-huli", List.of("applicant"), "Huli", USCC,
                null), "t").person();
        assertEquals(USCC, applicant.actingFor());
        assertEquals(null, applicant.district(), "a claim its role does not use is dropped");

        Person manager = Person.fromToken(new Person.Claims("fund-manager-huli", List.of("fund-manager"), "Huli", null,
                List.of("FUND-VENTURE", "FUND-TECH-INNOVATION")), "t").person();
        assertEquals("FUND-VENTURE,FUND-TECH-INNOVATION", manager.funds());

        Person finance = Person.fromToken(new Person.Claims("finance-huli",
                List.of("batch-exporter", "finance", "batch-voider"), "Huli", null, null), "t").person();
        assertEquals(Role.FINANCE, finance.role(), "roles the portal does not know are not roles here");
        assertEquals(Role.APPLICANT, Person.fromToken(new Person.Claims("both", List.of("officer", "applicant"), "Huli",
                USCC, null), "t").person().role(), "two known roles: the first of Role's order");
    }

    @Test
    void a_token_whose_claims_make_no_person_names_the_claims() {
        assertEquals(List.of("district"), Person.fromToken(new Person.Claims("officer-x", List.of("officer"), null, null,
                null), "t").problems());
        assertEquals(List.of("realm_access.roles"), Person.fromToken(new Person.Claims("nobody",
                List.of("default-roles-susong"), "Huli", null, null), "t").problems());
        assertEquals(List.of("uscc"), Person.fromToken(new Person.Claims("applicant-x", List.of("applicant"), "Huli",
                "not-a-uscc", null), "t").problems());
        assertEquals(List.of("access token"), Person.fromToken(new Person.Claims("officer-huli", List.of("officer"),
                "Huli", null, null), null).problems());
        assertEquals(null, Person.fromToken(new Person.Claims("officer-x", List.of("officer"), null, null, null), "t")
                .person());
    }
}
