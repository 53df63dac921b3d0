package org.susong.commons.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Xiamen's six districts, the only district type of the platform. An application or contract keeps
 * the district it was filed in. Input is read in any case ("Huli", "HULI", "huli", "湖里区", "Tong'an");
 * every service answers, stores and publishes the enum name ({@code HULI}, {@code TONGAN}), the form
 * the event schemas fix.
 */
@Schema(description = "One of Xiamen's six districts. Sent in any case (HULI, Huli, huli, 湖里区, Tong'an); "
        + "answered as its code")
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

    /**
     * Every form a store may hold for this district (the enum name that is written today, and the English
     * and Chinese names older documents may carry), for queries that must find them all.
     */
    public java.util.List<String> storedForms() {
        return java.util.List.of(name(), english, chinese);
    }

    /** Accepts "Tong'an", "TONGAN", "tongan", "同安区" or "同安". */
    public static Optional<District> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        String key = trimmed.replace("'", "").replace("’", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(d -> d.name().equals(key) || d.chinese.equals(trimmed)
                        || d.chinese.substring(0, 2).equals(trimmed))
                .findFirst();
    }

    /**
     * The district a JSON body names, in any case; an unknown one fails the request with 400 naming the
     * field (Jackson wraps the exception; {@code ProblemMappers} answers it).
     */
    @JsonCreator
    public static District of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "unknown district '" + text + "'; one of " + allowed()));
    }

    /** The canonical names, for messages: "SIMING, HULI, ... (any case)". */
    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(District::name).toList()) + " (any case)";
    }
}
