package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Outcome;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 23 item 8 (eligibility's part): once-only keys are canonical, and a decision whose cap key cannot be
 * computed is refused, never taken without its cap. B1: one award per certificate (docs/policy.md); B3a: 20,000,000 CNY
 * per project.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class OnceOnlyKeysTest extends DecisionStores {

    @Inject
    CatalogueService catalogue;
    @Inject
    org.susong.eligibility.persistence.CertificationListRepository lists;

    Document decide(String measure, Map<String, Object> facts) {
        return decide(CapsAndReviewsTest.uscc(), measure, facts);
    }

    Document decide(String uscc, String measure, Map<String, Object> facts) {
        String app = CapsAndReviewsTest.app("KEY");
        decisions.decide(CapsAndReviewsTest.submission(app, uscc, measure, "HULI", facts));
        return repository.findLatest(app).orElseThrow();
    }

    /** Refused by the certificate's cap (one award each), the certificate itself found on the list. */
    static void refusedAsTheSameCertificate(Document again, String variant) {
        assertEquals("REJECTED", again.getString("outcome"), variant + " was awarded a second time");
        assertEquals(true, CapsAndReviewsTest.criterion(again, "certificationListed").getBoolean("passed"), again.toJson());
        assertEquals(false, CapsAndReviewsTest.criterion(again, "oncePerCertificate").getBoolean("passed"), again.toJson());
    }

    /** A fresh enterprise's B1 certificate GR2024{@code digits}, on the list for it, awarded once. */
    record Awarded(String uscc, String digits) {
    }

    Awarded awardedOnce() {
        String digits = String.valueOf(100_000_000L + (UUID.randomUUID().getMostSignificantBits() & 0xFFFFFFFL));
        String uscc = CapsAndReviewsTest.uscc();
        CertificationFixture.listed(lists, uscc, "GR2024" + digits);
        Document first = decide(uscc, "B1", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR2024" + digits,
                "certificationYear", 2025, "certificationKind", "FIRST"));
        assertEquals("APPROVED", first.getString("outcome"));
        return new Awarded(uscc, digits);
    }

    @Test
    void a_certificate_number_spelled_differently_is_the_same_certificate() {
        // the same enterprise asks again (the list names the certificate once, for it)
        Awarded awarded = awardedOnce();
        String uscc = awarded.uscc();
        String digits = awarded.digits();
        // hyphens and spaces, lower case, full-width letters and digits: the same certificate (B1: one award each)
        String fullWidth = ("GR2024" + digits).chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0)))
                .reduce("", String::concat);
        for (String variant : new String[] {"gr-2024 " + digits, "GR–2024–" + digits, fullWidth}) {
            Document again = decide(uscc, "B1", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", variant,
                    "certificationYear", 2025, "certificationKind", "FIRST"));
            refusedAsTheSameCertificate(again, variant);
        }
    }

    @Test
    void a_decision_whose_cap_key_cannot_be_computed_is_refused() {
        // a blank project number leaves no project to keep B3a's 20,000,000 CNY cap for
        Document blank = decide("B3a", Map.of("projectNumber", " - ", "projectName", "x", "resultSource",
                "NATIONAL_KEY_RD", "investmentInXiamenFen", 100_000_000L));
        assertEquals("REJECTED", blank.getString("outcome"));
        assertTrue(blank.getString("explanationEn").contains("cap"), blank.getString("explanationEn"));

        // a version whose capKey names a fact the application need not give
        Measure b3a = catalogue.find("B3a").orElseThrow();
        Measure missing = new Measure(b3a.code(), 902, b3a.titleZh(), b3a.titleEn(), b3a.status(), b3a.beneficiaryTypes(),
                b3a.validFrom(), b3a.validTo(), b3a.requiredFacts(), b3a.factsSchema(), b3a.rule(), b3a.sourceRule(),
                b3a.capFen(), b3a.capPeriod(), b3a.capGroup(), b3a.capYearBasis(), "string(facts.serial)", b3a.claimKey(),
                b3a.budgetLine(), b3a.disbursementMode(), b3a.fundCode(), b3a.fallback(), null, b3a.placeholders());
        DecisionService.Determination d = decisions.determine(missing, Map.of("projectNumber", "P-" + UUID.randomUUID(),
                "projectName", "x", "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 100_000_000L),
                LocalDate.of(2026, 6, 15), "D-KEY-" + UUID.randomUUID(), CapsAndReviewsTest.uscc(), 0);
        assertEquals(Outcome.REJECTED, d.evaluation().outcome());
        assertEquals(0L, d.evaluation().amount().fen());
    }
    @Test
    void invisible_characters_do_not_make_a_second_certificate() {
        // B1: one award per certificate (docs/policy.md); zero-width, soft hyphen, BOM, word joiner, line/paragraph
        // separators, NEL and the Ogham space must not make GR2024... a different certificate
        Awarded awarded = awardedOnce();
        String uscc = awarded.uscc();
        String digits = awarded.digits();
        for (String invisible : new String[] {"\u200B", "\u00AD", "\uFEFF", "\u2060", "\u2028", "\u0085", "\u1680"}) {
            Document again = decide(uscc, "B1", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber",
                    "GR2024" + invisible + digits, "certificationYear", 2025, "certificationKind", "FIRST"));
            // refused by the facts schema's pattern or, past it, by the certificate's cap: never awarded again
            assertEquals("REJECTED", again.getString("outcome"), String.format("U+%04X was awarded a second time",
                    (int) invisible.charAt(0)));
        }
    }

    @Test
    void a_number_of_separators_only_is_refused_not_a_shared_key() {
        // B1: one award per certificate (docs/policy.md); a certificate number of hyphens, dashes and spaces names none
        for (String blank : new String[] {"-", "\u2014", " - "}) {
            Document d = decide("B1", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", blank,
                    "certificationYear", 2025, "certificationKind", "FIRST"));
            assertEquals("REJECTED", d.getString("outcome"), "'" + blank + "' was awarded");
            assertEquals(0L, d.get("amountFen", Number.class).longValue());
        }
    }
}
