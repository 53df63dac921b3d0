package org.susong.commons.ids;

import java.util.Locale;
import java.util.Optional;

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (digits and upper-case letters without I, O, S, V, Z); the last one is a check character
 * computed from the first 17 with weights 3^i mod 31.
 *
 * <p>Some real pilot-era codes fail the check, so a failed check is a finding that an officer may
 * override, not a parse error: {@link #parse} only rejects codes of the wrong shape.
 */
public record Uscc(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public Uscc {
        Optional<String> problem = shapeProblem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** Upper-cases and trims, then checks the shape (length and alphabet), not the check character. */
    public static Uscc parse(String raw) {
        return new Uscc(raw == null ? null : raw.trim().toUpperCase(Locale.ROOT));
    }

    /** Why the text is not shaped like a USCC, or empty when it is. */
    public static Optional<String> shapeProblem(String value) {
        if (value == null || value.length() != 18) {
            return Optional.of("a unified social credit code has 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " ('" + value.charAt(i)
                        + "') is not allowed; use digits and A-Z without I, O, S, V, Z");
            }
        }
        return Optional.empty();
    }

    /** The check character GB 32100-2015 expects for the first 17 characters. */
    public char expectedCheckCharacter() {
        return checkCharacterFor(value.substring(0, 17));
    }

    public boolean checkCharacterValid() {
        return value.charAt(17) == expectedCheckCharacter();
    }

    public static char checkCharacterFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return ALPHABET.charAt(check);
    }

    @Override
    public String toString() {
        return value;
    }
}
