package org.susong.commons.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of a single field that must travel but must not be read on the way (a payee's
 * full bank account number on a topic kept forever): each value gets its own data key (AES-256-GCM),
 * wrapped by a key-encryption key chosen by id. The sealed text names that id, so keys rotate by
 * adding a new active key and keeping the old ones for reading:
 * {@code env1:<keyId>:<base64 iv+wrapped data key>:<base64 iv+ciphertext>}.
 */
public final class FieldCipher {

    public static final String PREFIX = "env1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> keys;
    private final String activeKey;

    /** Keys by id (each 32 bytes); {@code activeKey} seals, every key opens. */
    public FieldCipher(Map<String, byte[]> keys, String activeKey) {
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' has " + key.length + " bytes; AES-256 needs 32");
            }
            if (id.contains(":")) {
                throw new IllegalArgumentException("key id '" + id + "' contains ':'");
            }
        });
        if (activeKey != null && !keys.containsKey(activeKey)) {
            throw new IllegalArgumentException("the active key '" + activeKey + "' is not among the keys " + keys.keySet());
        }
        this.keys = Map.copyOf(keys);
        this.activeKey = activeKey;
    }

    /** Keys given as base64 text (configuration, a Kubernetes Secret). */
    public static FieldCipher fromBase64(Map<String, String> keys, String activeKey) {
        Map<String, byte[]> decoded = new java.util.HashMap<>();
        keys.forEach((id, text) -> decoded.put(id, Base64.getDecoder().decode(text.trim())));
        return new FieldCipher(decoded, activeKey);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Seals with the active key. */
    public String seal(String plaintext) {
        if (activeKey == null) {
            throw new IllegalStateException("no active key to seal with (susong.crypto.active-key)");
        }
        byte[] dataKey = random(32);
        byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, keys.get(activeKey), random(IV_BYTES), dataKey, activeKey);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, dataKey, random(IV_BYTES),
                plaintext.getBytes(StandardCharsets.UTF_8), activeKey);
        return PREFIX + activeKey + ":" + Base64.getEncoder().encodeToString(wrapped) + ":"
                + Base64.getEncoder().encodeToString(sealed);
    }

    /** Opens a sealed value; a value that fails its authentication tag or names an unknown key is refused. */
    public String open(String value) {
        if (!isSealed(value)) {
            throw new IllegalArgumentException("the value is not sealed");
        }
        String[] parts = value.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a sealed value has three parts after the prefix");
        }
        byte[] kek = keys.get(parts[0]);
        if (kek == null) {
            throw new IllegalArgumentException("the value is sealed with key '" + parts[0] + "', which this service does not hold");
        }
        byte[] dataKey = open(kek, Base64.getDecoder().decode(parts[1]), parts[0]);
        return new String(open(dataKey, Base64.getDecoder().decode(parts[2]), parts[0]), StandardCharsets.UTF_8);
    }

    /** For logs and {@code toString()}: all but the last four characters hidden. */
    public static String mask(String accountNumber) {
        if (accountNumber == null) {
            return null;
        }
        if (isSealed(accountNumber)) {
            return "(sealed)";
        }
        int shown = Math.min(4, accountNumber.length() / 2);
        return "*".repeat(accountNumber.length() - shown) + accountNumber.substring(accountNumber.length() - shown);
    }

    private static byte[] open(byte[] key, byte[] ivAndText, String keyId) {
        if (ivAndText.length <= IV_BYTES) {
            throw new IllegalArgumentException("a sealed part is too short");
        }
        byte[] iv = java.util.Arrays.copyOf(ivAndText, IV_BYTES);
        byte[] text = java.util.Arrays.copyOfRange(ivAndText, IV_BYTES, ivAndText.length);
        byte[] plain = gcm(Cipher.DECRYPT_MODE, key, iv, text, keyId);
        return plain;
    }

    /** AES-GCM with the key id as associated data; encryption returns iv + ciphertext. */
    private static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] input, String keyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] output = cipher.doFinal(input);
            if (mode == Cipher.DECRYPT_MODE) {
                return output;
            }
            byte[] result = new byte[iv.length + output.length];
            System.arraycopy(iv, 0, result, 0, iv.length);
            System.arraycopy(output, 0, result, iv.length, output.length);
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed value cannot be opened (wrong key or altered)", e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }
}
