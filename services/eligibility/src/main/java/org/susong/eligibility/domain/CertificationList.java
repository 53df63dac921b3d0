package org.susong.eligibility.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The four national certification lists B1 rewards (对首次或重新认定通过的国家级高新技术企业、首次认定的国家级专精特新“小巨人”企业、
 * 认定的国家级制造业单项冠军示范企业以及国家级技术创新示范企业……给予……一次性奖励). Each list is named by B1's {@code category}
 * value; an administrator imports each year's list, and a B1 certificate is checked against it at decision time,
 * never taken on the applicant's word. A listed entry carries the certification kind ({@link #KINDS}): a "little
 * giant" counts only when first certified (首次认定), so the kind is required on the list and in the application and
 * compared, never assumed when left out.
 */
public enum CertificationList {
    HIGH_TECH_ENTERPRISE("HTE", "national high-tech enterprises", "国家级高新技术企业"),
    LITTLE_GIANT("LGT", "national specialised, refined, distinctive and innovative \"little giants\"", "国家级专精特新“小巨人”企业"),
    SINGLE_CHAMPION("SCH", "national manufacturing single champions", "国家级制造业单项冠军示范企业"),
    TECH_INNOVATION_DEMO("TID", "national technology-innovation demonstration enterprises", "国家级技术创新示范企业");

    /** First-time or renewed certification; what B1's {@code certificationKind} and a listed entry say. */
    public static final Set<String> KINDS = Set.of("FIRST", "RENEWED");

    private final String shortCode;
    private final String en;
    private final String zh;

    CertificationList(String shortCode, String en, String zh) {
        this.shortCode = shortCode;
        this.en = en;
        this.zh = zh;
    }

    /** Three letters, for ids that must stay short (award ids within the event's 35 characters). */
    public String shortCode() {
        return shortCode;
    }

    public String en() {
        return en;
    }

    public String zh() {
        return zh;
    }

    public static Optional<CertificationList> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CertificationList l : values()) {
            if (l.name().equals(upper)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** What a list holds for one enterprise in one year: its certificate (as a canonical key) and the kind. */
    public record Listed(String certificateNumber, String certificateKey, String kind, String importId) {
    }

    /**
     * The criterion {@code certificationListed} of a B1 certificate ({@code facts}: category, certificateNumber,
     * certificationYear, certificationKind) for {@code uscc} against what the list of its category and year holds for
     * that enterprise ({@code listed}, empty when nothing): on the list with the same certificate and kind, or a
     * failed criterion saying why (en/zh).
     */
    public static Criterion check(Map<String, Object> facts, String uscc, Optional<Listed> listed) {
        String number = String.valueOf(facts.get("certificateNumber"));
        Object year = facts.get("certificationYear");
        CertificationList list = of(String.valueOf(facts.get("category"))).orElse(null);
        if (list == null) {
            return new Criterion("certificationListed", false, "category '" + facts.get("category")
                    + "' is not one of the certification lists", "认定类别不属于任何认定名单");
        }
        Object kind = facts.get("certificationKind");
        if (kind == null || !KINDS.contains(kind.toString())) {
            return new Criterion("certificationListed", false, "the certification kind (FIRST or RENEWED) is required and"
                    + " is checked against the list; it is never assumed when left out (a little giant counts only when"
                    + " first certified)", "认定类型（首次认定或重新认定）为必填项并与名单核对，未填写的不作推定（“小巨人”仅限首次认定）");
        }
        if (listed.isEmpty()) {
            return new Criterion("certificationListed", false, "certificate " + number + " is not on the imported " + year
                    + " list of " + list.en() + " for " + uscc + ": only certificates on the lists are rewarded",
                    "证书 " + number + " 不在已导入的 " + year + " 年" + list.zh() + "名单中（" + uscc + "），不予奖励");
        }
        Listed l = listed.get();
        String key = CompiledRule.canonical(number);
        if (key == null || !key.equals(l.certificateKey())) {
            return new Criterion("certificationListed", false, "the " + year + " list of " + list.en() + " holds certificate "
                    + l.certificateNumber() + " for " + uscc + ", not " + number,
                    year + " 年" + list.zh() + "名单中该企业的证书为 " + l.certificateNumber() + "，与申请的 " + number + " 不符");
        }
        if (!l.kind().equals(kind.toString())) {
            return new Criterion("certificationListed", false, "the " + year + " list of " + list.en() + " states a "
                    + words(l.kind()) + " certification for certificate " + l.certificateNumber() + ", not a " + words(kind.toString()),
                    year + " 年" + list.zh() + "名单载明证书 " + l.certificateNumber() + " 为" + wordsZh(l.kind())
                            + "，与申请的" + wordsZh(kind.toString()) + "不符");
        }
        return new Criterion("certificationListed", true, "certificate " + l.certificateNumber() + " (" + words(l.kind())
                + " certification) is on the imported " + year + " list of " + list.en() + " (import " + l.importId() + ")",
                "证书 " + l.certificateNumber() + "（" + wordsZh(l.kind()) + "）在已导入的 " + year + " 年" + list.zh()
                        + "名单中（导入 " + l.importId() + "）");
    }

    public static String words(String kind) {
        return "FIRST".equals(kind) ? "first-time" : "RENEWED".equals(kind) ? "renewed" : String.valueOf(kind);
    }

    public static String wordsZh(String kind) {
        return "FIRST".equals(kind) ? "首次认定" : "RENEWED".equals(kind) ? "重新认定" : String.valueOf(kind);
    }
}
