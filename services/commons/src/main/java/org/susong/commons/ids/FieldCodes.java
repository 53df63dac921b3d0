package org.susong.commons.ids;

import java.util.Locale;

/**
 * A field of activity (a fund's scope, an enterprise's field) as a code: trimmed, lower case, runs of spaces,
 * underscores, dots and '$' as one '-'. One rule for every service, so eligibility's check of a fund's scope at
 * decision time (C1, 拨改投) and the fund's own check on conversion read the same field the same way.
 */
public final class FieldCodes {

    private FieldCodes() {
    }

    public static String of(String field) {
        return field.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_.$]+", "-");
    }
}
