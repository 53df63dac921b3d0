package org.susong.eligibility.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a beneficiary is, from the platform's own record - its unified social credit code, verified when the
 * applicant registered - never from a fact the applicant types. GB 32100-2015: the code's first character is the
 * registration authority, the second the organisation category; {@code 91} is an enterprise (企业) registered by
 * market regulation, {@code 12} a public institution (事业单位: universities, public research institutes),
 * {@code 52} a private non-enterprise unit (民办非企业单位), and so on. Where the source says enterprise - a measure
 * whose beneficiary types are enterprises only (B1, B2, B3b, C2, D2) - anything but {@code 91} is refused.
 */
public final class BeneficiaryKinds {

    private static final Set<String> ENTERPRISE_TYPES = Set.of("ENTERPRISE", "STATE_OWNED_ENTERPRISE");
    private static final String ENTERPRISE = "91";
    private static final Map<String, String> CATEGORIES = Map.of(
            "11", "a government organ (机关)", "12", "a public institution (事业单位), e.g. a university or public research institute",
            "13", "a mass organisation (群众团体)", "51", "a social organisation (社会团体)",
            "52", "a private non-enterprise unit (民办非企业单位)", "53", "a foundation (基金会)",
            "92", "an individual business (个体工商户)", "93", "a farmers' cooperative (农民专业合作社)");

    private BeneficiaryKinds() {
    }

    /** Whether the measure's beneficiaries are enterprises only (the source says 企业). */
    public static boolean enterprisesOnly(Measure m) {
        List<String> types = m.beneficiaryTypes();
        return !types.isEmpty() && ENTERPRISE_TYPES.containsAll(types);
    }

    /** The beneficiary-type criterion for {@code uscc} under {@code m}, or empty when the measure names no enterprise-only kind. */
    public static Optional<Criterion> criterion(Measure m, String uscc) {
        if (!enterprisesOnly(m)) {
            return Optional.empty();
        }
        String category = uscc == null || uscc.length() < 2 ? "" : uscc.substring(0, 2);
        if (ENTERPRISE.equals(category)) {
            return Optional.of(new Criterion("beneficiaryType", true, "the beneficiary is an enterprise (unified social"
                    + " credit code category 91)", "受益人为企业（统一社会信用代码类别 91）"));
        }
        return Optional.of(new Criterion("beneficiaryType", false, "the beneficiary " + uscc + " is "
                + CATEGORIES.getOrDefault(category, "of category '" + category + "'") + " by its unified social credit code,"
                + " not an enterprise: " + m.code() + " rewards enterprises (企业) only",
                "受益人按统一社会信用代码不是企业（类别 " + category + "），" + m.code() + " 仅支持企业"));
    }
}
