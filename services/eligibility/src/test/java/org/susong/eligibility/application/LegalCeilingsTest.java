package org.susong.eligibility.application;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 16 item 6: the source's amounts are legal ceilings a new measure version may not exceed; publication
 * (the proposal, before a second administrator sees it) refuses it with problem+json quoting the source:
 * B1 分别给予20万元至500万元不等的一次性奖励; B3a 给予最高2000万元资金支持; B3b 给予单家企业每年最高100万元奖励;
 * A4 给予运营合作机构每年最高500万元资助. "Per year" and "per enterprise" are part of the ceiling: a version may
 * not turn B3b's or A4's annual cap into one per project, nor move it to a fresh cap group (a second 1,000,000 CNY
 * in the same year).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class LegalCeilingsTest {

    static void refused(String code, Consumer<Map<String, Object>> change, String field, String sourcePhrase) {
        Map<String, Object> definition = RulesAbuseTest.definition(code);
        change.accept(definition);
        RulesAbuseTest.admin("admin-maker").body(definition).post("/admin/measures/" + code + "/versions").then()
                .statusCode(400).contentType(startsWith("application/problem+json")).body("field", equalTo(field))
                .body("detail", containsString(sourcePhrase));
    }

    @Test
    void a_version_above_a_legal_ceiling_is_refused_quoting_the_source() {
        // B1: 分别给予20万元至500万元不等的一次性奖励 (200,000 to 5,000,000 CNY one-time)
        refused("B1", d -> RulesAbuseTest.rule(d).put("maxFen", 500_000_100L), "rule.maxFen", "20万元至500万元");
        refused("B1", d -> RulesAbuseTest.rule(d).put("minFen", 19_999_900L), "rule.minFen", "20万元至500万元");
        refused("B1", d -> d.put("capFen", 500_000_100L), "capFen", "20万元至500万元");
        // B3a: 纳入市科技计划重大项目体系的给予最高2000万元资金支持 (up to 20,000,000 CNY)
        refused("B3a", d -> d.put("capFen", 2_000_000_100L), "capFen", "最高2000万元");
        refused("B3a", d -> RulesAbuseTest.rule(d).put("maxFen", 2_000_000_100L), "rule.maxFen", "最高2000万元");
        // B3b: 经认定登记的技术合同，给予单家企业每年最高100万元奖励 (1,000,000 CNY per enterprise per year)
        refused("B3b", d -> d.put("capFen", 100_000_100L), "capFen", "每年最高100万元");
        refused("B3b", d -> {
            d.put("capPeriod", "PROJECT");
            d.put("capKey", "string(facts.contractRegistrationNumber)");
        }, "capPeriod", "每年最高100万元");
        refused("B3b", d -> d.put("capGroup", "B3b-2"), "capGroup", "每年最高100万元");
        // A4: 以“运营补助+绩效奖励”相结合方式给予运营合作机构每年最高500万元资助 (5,000,000 CNY per year)
        refused("A4", d -> d.put("capFen", 500_000_100L), "capFen", "每年最高500万元");
        refused("A4", d -> d.put("capPeriod", null), "capPeriod", "每年最高500万元");
    }

    /**
     * Issue 16 item 7: a reading is shown to those it acts on, so a version's reading quotes the source's phrase
     * (B3a's 最高2000万元 read per project), says how it is read in both languages and names what applies it; a new
     * version proposed from the current one carries its readings on.
     */
    @Test
    void a_reading_without_its_source_phrase_or_words_is_refused_and_a_new_version_carries_the_readings_on() {
        for (String field : java.util.List.of("sourceZh", "zh", "governs")) {
            Map<String, Object> b3a = RulesAbuseTest.definition("B3a");
            @SuppressWarnings("unchecked")
            java.util.List<Map<String, Object>> readings = (java.util.List<Map<String, Object>>) b3a.get("readings");
            int perProject = readings.indexOf(readings.stream().filter(r -> "perProject".equals(r.get("name")))
                    .findFirst().orElseThrow());
            readings.get(perProject).put(field, "governs".equals(field) ? java.util.List.of() : " ");
            RulesAbuseTest.admin("admin-maker").body(b3a).post("/admin/measures/B3a/versions").then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("field", equalTo("readings[" + perProject + "]." + field));
        }
        String proposal = RulesAbuseTest.admin("admin-maker").body(RulesAbuseTest.definition("B3a"))
                .post("/admin/measures/B3a/versions").then().statusCode(202).extract().path("proposalId");
        RulesAbuseTest.admin("admin-maker").get("/admin/measures/B3a/proposals/" + proposal).then().statusCode(200)
                .body("definition.readings.find { it.name == 'perProject' }.sourceZh",
                        containsString("最高2000万元"));
    }

    @Test
    void a_version_at_or_below_the_ceiling_is_proposed() {
        Map<String, Object> b3b = RulesAbuseTest.definition("B3b");
        b3b.put("capFen", 80_000_000L);
        RulesAbuseTest.admin("admin-maker").body(b3b).post("/admin/measures/B3b/versions").then().statusCode(202);
        Map<String, Object> a4 = RulesAbuseTest.definition("A4");
        RulesAbuseTest.admin("admin-maker").body(a4).post("/admin/measures/A4/versions").then().statusCode(202);
    }
}
