package org.susong.commons.security;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * The service's {@link FieldCipher}, from configuration (a Kubernetes Secret mapped to environment variables in
 * production): {@code susong.crypto.keys.<id>=<base64 of 32 random bytes>} (every key opens) and
 * {@code susong.crypto.active-key=<id>} (the key that seals). As environment variables:
 * {@code SUSONG_CRYPTO_KEYS_<ID>} and {@code SUSONG_CRYPTO_ACTIVE_KEY}; key ids are lower case letters and digits
 * (the variable's {@code <ID>} part is read lower case). Rotation: add a new key, make it active, keep the old one as
 * long as anything sealed with it may still be read (events are kept forever). Only a bean that injects the cipher
 * needs the keys; there is no default outside the local, dev and test profiles, so such a service refuses to start
 * without them.
 */
@ApplicationScoped
public class FieldCiphers {

    static final String HOW = "; set susong.crypto.keys.<id> (base64 of 32 random bytes; env SUSONG_CRYPTO_KEYS_<ID>, e.g."
            + " from the Kubernetes Secret susong-crypto) and susong.crypto.active-key=<id> (env SUSONG_CRYPTO_ACTIVE_KEY)";

    @ConfigMapping(prefix = "susong.crypto")
    public interface CryptoConfig {

        /** Key-encryption keys by id, base64 of 32 bytes each. */
        Map<String, String> keys();

        /** The id of the key that seals; a service that only opens may have none. */
        Optional<String> activeKey();
    }

    @Produces
    @Singleton
    FieldCipher fieldCipher(CryptoConfig config) {
        return of(config.keys(), config.activeKey().orElse(null));
    }

    /** The cipher of these keys; a missing or malformed key is refused with what to set. */
    static FieldCipher of(Map<String, String> keys, String activeKey) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no field-encryption key is configured" + HOW);
        }
        try {
            return FieldCipher.fromBase64(keys, activeKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("susong.crypto: " + e.getMessage() + HOW, e);
        }
    }

    /** For a service that seals: the cipher, refused (at its startup) when no active key is configured. */
    public static FieldCipher sealing(FieldCipher cipher) {
        try {
            cipher.seal("0");
        } catch (IllegalStateException e) {
            throw new IllegalStateException("this service seals payee account numbers but has no active key" + HOW, e);
        }
        return cipher;
    }
}
