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

    /**
     * A deterministic id of the same shape, {@code PREFIX-yyyyMMdd-XXXXXXXXXX}, for a thing created
     * from another thing's id (a redelivered event must create the same id): the ten characters are
     * taken from the SHA-256 of {@code seed} (50 bits; collisions are not expected below ~10^7 ids a day).
     */
    public static String derivedId(String prefix, LocalDate day, String seed) {
        StringBuilder id = new StringBuilder(prefix).append('-').append(day.format(DAY)).append('-');
        String hex = Hashes.sha256(seed);
        long bits = Long.parseUnsignedLong(hex.substring(0, 13), 16); // 52 bits, 50 used
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt((int) (bits & 31)));
            bits >>>= 5;
        }
        return id.toString();
    }
}
