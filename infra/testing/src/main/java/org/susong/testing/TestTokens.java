package org.susong.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signed bearer tokens for the services' access tests: the service under test verifies them with
 * quarkus-oidc against {@link #oidcConfig()}'s public key, exactly as it verifies an identity
 * provider's tokens (signature, issuer, audience, expiry), without a provider process. The key pair
 * is made per test JVM and never written anywhere; a second key signs the "another key" tokens.
 * Claims follow the realm in {@code infra/keycloak}: {@code realm_access.roles}, {@code district},
 * {@code uscc}, {@code funds}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test.susong/realms/susong";
    public static final String AUDIENCE = "susong";

    private static final KeyPair KEYS = generate();
    private static final KeyPair ANOTHER_KEY = generate();

    private TestTokens() {
    }

    /** Service configuration that turns the header stub off and verifies tokens signed here. */
    public static Map<String, String> oidcConfig() {
        return Map.of(
                "susong.identity.header-stub", "false",
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.token.audience", AUDIENCE);
    }

    /** A token for this subject; add roles and claims, then {@link Builder#sign()}. */
    public static Builder subject(String subject) {
        return new Builder(subject);
    }

    /** Builds one token; every setter returns the builder. */
    public static final class Builder {
        private final String subject;
        private Set<String> roles = Set.of();
        private String district;
        private String uscc;
        private List<String> funds;
        private String audience = AUDIENCE;
        private String issuer = ISSUER;
        private Instant expires = Instant.now().plus(Duration.ofMinutes(10));
        private KeyPair keys = KEYS;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder roles(String... names) {
            this.roles = Set.of(names);
            return this;
        }

        public Builder district(String name) {
            this.district = name;
            return this;
        }

        public Builder uscc(String value) {
            this.uscc = value;
            return this;
        }

        public Builder funds(String... ids) {
            this.funds = List.of(ids);
            return this;
        }

        public Builder audience(String value) {
            this.audience = value;
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        /** Already expired: five minutes past its end. */
        public Builder expired() {
            this.expires = Instant.now().minus(Duration.ofMinutes(5));
            return this;
        }

        public Builder signedByAnotherKey() {
            this.keys = ANOTHER_KEY;
            return this;
        }

        public String sign() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(audience);
            claims.setSubject(subject);
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(expires.getEpochSecond() - 600));
            claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expires.getEpochSecond()));
            claims.setClaim("preferred_username", subject);
            Map<String, Object> realmAccess = new LinkedHashMap<>();
            realmAccess.put("roles", List.copyOf(roles));
            claims.setClaim("realm_access", realmAccess);
            if (district != null) {
                claims.setClaim("district", district);
            }
            if (uscc != null) {
                claims.setClaim("uscc", uscc);
            }
            if (funds != null) {
                claims.setStringListClaim("funds", funds);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(keys.getPrivate());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException("could not sign a test token", e);
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
