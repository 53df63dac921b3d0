package org.susong.techcontracts.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.susong.commons.ids.Uscc;

/**
 * A party to a technology contract: a domestic one is identified by its unified social credit
 * code (country CN); a foreign one by its name and ISO 3166-1 alpha-2 country code. Hong Kong,
 * Macao and Taiwan (HK, MO, TW) count as outside the mainland here, as in technology-import
 * statistics.
 */
public record Party(String name, Uscc uscc, String country) {

    public static final String CHINA = "CN";
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public Party {
        Objects.requireNonNull(country, "country");
        if (uscc == null && CHINA.equals(country)) {
            throw new IllegalArgumentException("a domestic party needs its USCC");
        }
        if (uscc != null && !CHINA.equals(country)) {
            throw new IllegalArgumentException("a foreign party (" + country + ") has no USCC");
        }
        if (uscc == null && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("a foreign party needs its name");
        }
        name = name == null ? null : name.trim();
    }

    public static Party domestic(Uscc uscc) {
        return new Party(null, uscc, CHINA);
    }

    public static Party domestic(String name, Uscc uscc) {
        return new Party(name, uscc, CHINA);
    }

    public static Party foreign(String name, String country) {
        return new Party(name, null, country);
    }

    /** Whether the text is an assigned ISO 3166-1 alpha-2 code (as the JDK knows them), upper case. */
    public static boolean isCountryCode(String code) {
        return code != null && ISO_COUNTRIES.contains(code);
    }

    public boolean isDomestic() {
        return uscc != null;
    }

    /** The key this party contributes to the duplicate key: its USCC, or country + its name in canonical form. */
    String identity() {
        return isDomestic() ? uscc.value() : country + ":" + canonicalName(name);
    }

    /**
     * A foreign party's name as the duplicate key compares it (issue 23 item 8): Unicode NFKC
     * (full-width letters and spaces become ASCII ones), invisible format characters dropped, each
     * run of dashes and spaces one space, upper case. A name without dashes, full-width or invisible
     * characters keeps the key it had before this rule (stored contracts keep theirs).
     */
    static String canonicalName(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "")
                .replaceAll("[\\p{Pd}\\s\\p{Z}]+", " ").trim();
        return folded.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return isDomestic() ? uscc.value() : name + " (" + country + ")";
    }
}
