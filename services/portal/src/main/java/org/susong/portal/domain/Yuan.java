package org.susong.portal.domain;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount an officer types in yuan ("800000", "800,000.00") read as integer fen, exactly: digits, at most two
 * decimals, thousands separators allowed; never through {@code double}. The services hold fen; the pages show yuan.
 */
public final class Yuan {

    /** Up to 13 digits of yuan: far above any measure's cap, far below {@code Long.MAX_VALUE} fen. */
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,13})(?:\\.(\\d{1,2}))?");

    private Yuan() {
    }

    /**
     * The fen of {@code text}: empty for a blank text (no amount given); {@link IllegalArgumentException} for
     * anything else that is not a positive amount of yuan with at most two decimals.
     */
    public static OptionalLong toFen(String text) {
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        Matcher m = AMOUNT.matcher(text.strip().replace(",", "").replace("，", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("not an amount of yuan with at most two decimals: " + text);
        }
        String cents = m.group(2) == null ? "0" : m.group(2).length() == 1 ? m.group(2) + "0" : m.group(2);
        long fen = Long.parseLong(m.group(1)) * 100 + Integer.parseInt(cents);
        if (fen <= 0) {
            throw new IllegalArgumentException("the amount must be positive: " + text);
        }
        return OptionalLong.of(fen);
    }
}
