package org.susong.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 23 item 11: the field cipher comes from configuration (or a Secret's environment variables) and keys rotate. */
class FieldCiphersTest {

    private static final String ACCOUNT = "6222000000000001";

    static FieldCipher fromProperties(Map<String, String> properties) {
        return cipher(new PropertiesConfigSource(properties, "test", 100));
    }

    static FieldCipher cipher(org.eclipse.microprofile.config.spi.ConfigSource source) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(FieldCiphers.CryptoConfig.class).withSources(source)
                .build();
        FieldCiphers.CryptoConfig crypto = config.getConfigMapping(FieldCiphers.CryptoConfig.class);
        return FieldCiphers.of(crypto.keys(), crypto.activeKey().orElse(null));
    }

    @Test
    void a_value_sealed_with_the_old_key_still_opens_after_rotation_and_new_values_use_the_new_key() {
        String k1 = key();
        String old = fromProperties(Map.of("susong.crypto.keys.k1", k1, "susong.crypto.active-key", "k1")).seal(ACCOUNT);
        FieldCipher rotated = fromProperties(Map.of("susong.crypto.keys.k1", k1, "susong.crypto.keys.k2", key(),
                "susong.crypto.active-key", "k2"));
        assertEquals(ACCOUNT, rotated.open(old));
        assertTrue(rotated.seal(ACCOUNT).startsWith(FieldCipher.PREFIX + "k2:"));
        // a reader that holds only the keys (payments) opens both
        FieldCipher reader = fromProperties(Map.of("susong.crypto.keys.k1", k1));
        assertEquals(ACCOUNT, reader.open(old));
    }

    @Test
    void keys_come_from_environment_variables_as_a_kubernetes_secret_gives_them() {
        String k1 = key();
        FieldCipher sealer = cipher(new EnvConfigSource(Map.of("SUSONG_CRYPTO_KEYS_K1", k1, "SUSONG_CRYPTO_ACTIVE_KEY", "k1"),
                300));
        String sealed = sealer.seal(ACCOUNT);
        assertTrue(sealed.startsWith(FieldCipher.PREFIX + "k1:"), sealed);
        assertEquals(ACCOUNT, fromProperties(Map.of("susong.crypto.keys.k1", k1)).open(sealed));
    }

    @Test
    void without_keys_the_cipher_is_refused_naming_what_to_set_and_a_sealer_needs_an_active_key() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> fromProperties(Map.of()));
        assertTrue(none.getMessage().contains("susong.crypto.keys.<id>") && none.getMessage().contains("SUSONG_CRYPTO_KEYS_"),
                none.getMessage());
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> fromProperties(Map.of("susong.crypto.keys.k1", key(), "susong.crypto.active-key", "k2")));
        assertTrue(wrong.getMessage().contains("'k2'"), wrong.getMessage());
        FieldCipher reader = fromProperties(Map.of("susong.crypto.keys.k1", key()));
        IllegalStateException noActive = assertThrows(IllegalStateException.class, () -> FieldCiphers.sealing(reader));
        assertTrue(noActive.getMessage().contains("SUSONG_CRYPTO_ACTIVE_KEY"), noActive.getMessage());
    }

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
