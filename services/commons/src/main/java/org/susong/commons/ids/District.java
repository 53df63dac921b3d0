package org.susong.commons.ids;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Xiamen's six districts. An application or contract keeps the district it was filed in. */
public enum District {
    SIMING("Siming", "思明区"),
    HULI("Huli", "湖里区"),
    JIMEI("Jimei", "集美区"),
    HAICANG("Haicang", "海沧区"),
    TONGAN("Tong'an", "同安区"),
    XIANGAN("Xiang'an", "翔安区");

    private final String english;
    private final String chinese;

    District(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }

    /** Accepts "Tong'an", "TONGAN", "tongan" or "同安区". */
    public static Optional<District> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().replace("'", "").replace("’", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(d -> d.name().equals(key) || d.chinese.equals(text.trim()))
                .findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(District::english).toList());
    }
}
