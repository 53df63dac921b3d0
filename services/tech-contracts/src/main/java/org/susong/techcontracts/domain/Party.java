package org.susong.techcontracts.domain;

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

    /** The key this party contributes to the duplicate key: its USCC, or country + normalised name. */
    String identity() {
        return isDomestic() ? uscc.value() : country + ":" + name.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
        return isDomestic() ? uscc.value() : name + " (" + country + ")";
    }
}
