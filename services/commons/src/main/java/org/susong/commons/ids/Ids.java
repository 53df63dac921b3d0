package org.susong.commons.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Identifiers that cross topics: strings, short enough for bank files (pain.001 EndToEndId is at
 * most 35 characters), roughly time-ordered for humans: {@code PREFIX-yyyyMMdd-XXXXXXXXXX}.
 */
public final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private Ids() {
    }

    public static String newId(String prefix, Clock clock) {
        StringBuilder id = new StringBuilder(prefix).append('-').append(LocalDate.now(clock).format(DAY)).append('-');
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
