package org.susong.eligibility.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.eligibility.persistence.AwardRepository;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 16 item 4: where the source says enterprise (企业) the beneficiary must be one, decided from the platform's
 * own record of who the applicant is - the registration authority and organisation category of its unified social
 * credit code (GB 32100-2015: 91 = enterprise registered by market regulation; 12 = public institution 事业单位,
 * e.g. a university or public research institute) - not from a fact the applicant types. B1: 对首次或重新认定通过的
 * 国家级高新技术企业…分别给予20万元至500万元不等的一次性奖励; B3b: 给予单家企业每年最高100万元奖励 - in the
 * automatic awards too.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BeneficiaryTypeTest {

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    AwardService awards;
    @Inject
    AwardRepository awardRepository;

    /** A public institution (事业单位) of Xiamen: registration authority 1 (机构编制), category 2. */
    static String university() {
        StringBuilder b = new StringBuilder("12350200");
        for (int i = 0; i < 10; i++) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }

    @Test
    void a_university_applying_for_an_enterprise_reward_is_rejected_saying_why() {
        String app = CapsAndReviewsTest.app("B1-UNI");
        decisions.decide(CapsAndReviewsTest.submission(app, university(), "B1", "SIMING", Map.of("category",
                "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR" + app.substring(8), "certificationYear", 2025)));
        Document d = repository.findLatest(app).orElseThrow();
        assertEquals("REJECTED", d.getString("outcome"), "B1 rewards 国家级高新技术企业 (enterprises)");
        Document type = CapsAndReviewsTest.criterion(d, "beneficiaryType");
        assertFalse(type.getBoolean("passed"));
        assertTrue(type.getString("en").contains("not an enterprise"), type.toJson());
        assertTrue(type.getString("zh").contains("企业"), type.toJson());

        // an enterprise (91...) passes the same criterion
        String ok = CapsAndReviewsTest.app("B1-ENT");
        decisions.decide(CapsAndReviewsTest.submission(ok, CapsAndReviewsTest.uscc(), "B1", "SIMING", Map.of("category",
                "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR" + ok.substring(8), "certificationYear", 2025)));
        assertTrue(CapsAndReviewsTest.criterion(repository.findLatest(ok).orElseThrow(), "beneficiaryType")
                .getBoolean("passed"));
    }

    @Test
    void a_university_selling_a_registered_contract_gets_no_automatic_b3b_award_and_a_reason() {
        String contractId = "TC-U" + UUID.randomUUID().toString().substring(0, 12);
        String number = "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        awards.registered(new AwardService.Contract(UUID.randomUUID().toString(), contractId, number, university(),
                "Xiamen University", CapsAndReviewsTest.uscc(), "Buyer Co", "SIMING", "2026-04-01", 210_000_000L));
        Document award = awardRepository.find(contractId).orElseThrow();
        assertEquals("NOT_ELIGIBLE", award.getString("state"), "B3b: 给予单家企业 - an enterprise, not a university");
        assertTrue(award.getString("reason").contains("not an enterprise"), award.toJson());
        assertEquals(null, award.get("proposals"), "nothing proposed, no cap taken");
    }
}
