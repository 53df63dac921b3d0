package org.susong.testing;

import org.susong.commons.ids.Uscc;

/**
 * Valid unified social credit codes for tests (issue 21 item 4: one home instead of a copy in every test class).
 * Every code is an enterprise's (category 91) registered in Xiamen (350200), numbered {@code n} within a series: a
 * test class takes a series of its own ({@code "MA"}, {@code "MK"}, ...) so that the codes it registers in a store
 * shared with other classes never collide with theirs. The 18th character is computed by GB 32100-2015's check
 * ({@link Uscc#checkCharacterFor}), so the services' validation accepts every code.
 */
public final class Usccs {

    static final String ENTERPRISE_IN_XIAMEN = "91350200";

    private Usccs() {
    }

    /** The code numbered {@code n} in the default series {@code "MA"}: {@code 91350200MA0000042} and its check. */
    public static String valid(long n) {
        return valid("MA", n);
    }

    /**
     * The code numbered {@code n} in {@code series}: {@code 91350200}, the series, {@code n} zero-padded to fill 17
     * characters, and the check character. A series of letters and digits the check alphabet allows (not I, O, S, V,
     * Z); {@code n} must fit the digits left.
     */
    public static String valid(String series, long n) {
        return of(ENTERPRISE_IN_XIAMEN, series, n);
    }

    /** A code at random in {@code series} (for classes that register afresh in every run of a shared store). */
    public static String random(String series) {
        int digits = 17 - ENTERPRISE_IN_XIAMEN.length() - series.length();
        return valid(series, java.util.concurrent.ThreadLocalRandom.current().nextLong((long) Math.pow(10, digits)));
    }

    /**
     * The code numbered {@code n} in {@code series} of another registration category and region:
     * {@code categoryAndRegion} is the first eight characters, e.g. {@code "12350200"} (a public institution, 事业单位,
     * in Xiamen) or {@code "91350203"} (an enterprise in Siming).
     */
    public static String of(String categoryAndRegion, String series, long n) {
        int digits = 17 - categoryAndRegion.length() - series.length();
        String number = digits > 0 ? String.format("%0" + digits + "d", n) : "";
        if (digits <= 0 || number.length() != digits || n < 0) {
            throw new IllegalArgumentException("no " + digits + "-digit number " + n + " in series " + series);
        }
        String first17 = categoryAndRegion + series + number;
        return first17 + Uscc.checkCharacterFor(first17);
    }
}
