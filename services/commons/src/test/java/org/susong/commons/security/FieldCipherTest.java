package org.susong.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 23 item 11: a bank account number is sealed for the topic, opened only with the key, and keys rotate. */
class FieldCipherTest {

    private static final String ACCOUNT = "6222000000000001";

    @Test
    void a_sealed_value_hides_the_number_and_opens_to_it() {
        FieldCipher cipher = new FieldCipher(Map.of("k1", key()), "k1");
        String sealed = cipher.seal(ACCOUNT);
        assertTrue(FieldCipher.isSealed(sealed));
        assertFalse(sealed.contains(ACCOUNT));
        assertNotEquals(sealed, cipher.seal(ACCOUNT), "each value has its own data key and iv");
        assertEquals(ACCOUNT, cipher.open(sealed));
    }

    @Test
    void after_rotation_old_values_still_open_and_new_ones_use_the_new_key() {
        byte[] k1 = key();
        String old = new FieldCipher(Map.of("k1", k1), "k1").seal(ACCOUNT);
        FieldCipher rotated = new FieldCipher(Map.of("k1", k1, "k2", key()), "k2");
        assertEquals(ACCOUNT, rotated.open(old));
        assertTrue(rotated.seal(ACCOUNT).startsWith(FieldCipher.PREFIX + "k2:"));
    }

    @Test
    void another_key_an_unknown_key_or_an_altered_value_is_refused() {
        String sealed = new FieldCipher(Map.of("k1", key()), "k1").seal(ACCOUNT);
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(Map.of("k1", key()), "k1").open(sealed));
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(Map.of("k2", key()), "k2").open(sealed));
        FieldCipher cipher = new FieldCipher(Map.of("k1", key()), "k1");
        String mine = cipher.seal(ACCOUNT);
        char last = mine.charAt(mine.length() - 3);
        String altered = mine.substring(0, mine.length() - 3) + (last == 'A' ? 'B' : 'A') + mine.substring(mine.length() - 2);
        assertThrows(IllegalArgumentException.class, () -> cipher.open(altered));
    }

    @Test
    void masks_keep_the_last_four_digits() {
        assertEquals("************0001", FieldCipher.mask(ACCOUNT));
        assertEquals("(sealed)", FieldCipher.mask(FieldCipher.PREFIX + "k1:a:b"));
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
