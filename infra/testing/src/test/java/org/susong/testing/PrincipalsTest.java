package org.susong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class PrincipalsTest {

    /** The role column of docs/security.md's "Roles" table, in its order. */
    static List<String> documentedRoles() throws Exception {
        List<String> roles = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("../../docs/security.md"))) {
            if (line.startsWith("## Roles")) {
                inTable = true;
            } else if (inTable && line.startsWith("## ")) {
                break;
            }
            Matcher role = Pattern.compile("^\\| `([a-z-]+)` \\|").matcher(line);
            if (inTable && role.find()) {
                roles.add(role.group(1));
            }
        }
        return roles;
    }

    static JwtClaims claims(String token) throws Exception {
        return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void there_is_a_principal_for_every_role_of_the_security_document_and_no_other() throws Exception {
        assertEquals(documentedRoles(), Principals.ROLES);
        List<Principal> one = List.of(Principals.applicant(Usccs.valid(1)), Principals.officer("o", Principals.HULI),
                Principals.finance("f"), Principals.admin("a"), Principals.registrar("r"),
                Principals.fundManager("m", Principals.SEEDED_FUNDS), Principals.auditor("au"));
        assertEquals(Principals.ROLES, one.stream().map(p -> p.roles().get(0)).toList());
        one.forEach(p -> assertEquals(1, p.roles().size(), p.toString()));
    }

    @Test
    void the_header_stub_carries_the_user_roles_and_the_claim_of_each_role() {
        String uscc = Usccs.valid(7);
        assertEquals(Map.of("X-User", "applicant-" + uscc, "X-Roles", "applicant", "X-Acting-For", uscc),
                Principals.applicant(uscc).headers());
        assertEquals(Map.of("X-User", "officer-e2e", "X-Roles", "officer", "X-District", "HULI"),
                Principals.officer("officer-e2e", Principals.HULI).headers());
        assertEquals(Map.of("X-User", "fm", "X-Roles", "fund-manager",
                        "X-Funds", "FUND-VENTURE,FUND-CREDIT-ENHANCEMENT,FUND-TECH-INNOVATION"),
                Principals.fundManager("fm", Principals.SEEDED_FUNDS).headers());
        assertEquals(Map.of("X-User", "ops", "X-Roles", "finance,admin,auditor"),
                Principals.withRoles("ops", "finance", "admin", "auditor").headers());
        assertEquals(Map.of("X-User", "fin", "X-Roles", "finance"), Principals.finance("fin").headers());
    }

    @Test
    void the_token_carries_the_same_subject_roles_and_claims() throws Exception {
        String uscc = Usccs.valid(8);
        JwtClaims applicant = claims(Principals.applicant(uscc).token());
        assertEquals("applicant-" + uscc, applicant.getSubject());
        assertEquals(uscc, applicant.getStringClaimValue("uscc"));
        assertEquals(List.of("applicant"), ((Map<?, ?>) applicant.getClaimValue("realm_access")).get("roles"));
        assertFalse(applicant.hasClaim("district"));

        JwtClaims officer = claims(Principals.officer("officer-huli", "HULI").token());
        assertEquals("HULI", officer.getStringClaimValue("district"));
        assertEquals(List.of("officer"), ((Map<?, ?>) officer.getClaimValue("realm_access")).get("roles"));
        assertEquals(List.of(TestTokens.AUDIENCE), officer.getAudience());

        JwtClaims manager = claims(Principals.fundManager("fm", List.of("FUND-VENTURE")).token());
        assertEquals(List.of("FUND-VENTURE"), manager.getStringListClaimValue("funds"));
    }

    @Test
    void a_second_officer_keeps_the_roles_and_district_under_another_user() {
        Principal maker = Principals.officer("officer-e2e", Principals.HULI);
        Principal checker = maker.named("checker-e2e");
        assertEquals("checker-e2e", checker.user());
        assertEquals(maker.roles(), checker.roles());
        assertEquals(maker.district(), checker.district());
        assertEquals("XIANGAN", maker.inDistrict("XIANGAN").headers().get("X-District"));
        assertThrows(IllegalArgumentException.class, () -> maker.named(" "));
    }
}
