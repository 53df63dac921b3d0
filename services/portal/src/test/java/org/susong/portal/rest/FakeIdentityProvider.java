package org.susong.portal.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the realm of {@code infra/keycloak} in the portal's tests: an OIDC provider on a JDK HTTP server with
 * the endpoints the authorization-code flow uses (discovery, the keys, authorization, token, end-session). Its
 * authorization endpoint signs in {@link #nextUser} at once (no login form: the real one is Keycloak's, in
 * {@code infra/e2e} {@code PortalSignInIT}) and its token endpoint checks the client's secret and the PKCE verifier
 * (S256) before it issues an RS256 ID token (audience {@code portal}) and an access token carrying the claims the
 * services read (audience {@code susong}, {@code realm_access.roles}, {@code district}, {@code uscc}, {@code funds}).
 * What it issued and the end-session requests are kept for the assertions.
 */
public class FakeIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String SECRET = "portal-test-secret-0123456789abcdef";
    static final String REALM = "/realms/susong";
    static final String OIDC = REALM + "/protocol/openid-connect";

    /** The claims of the user the next authorization signs in (beyond iss, aud, exp, iat), as the realm maps them. */
    static volatile Map<String, Object> nextUser = officerHuli();
    /** The access tokens issued, in order. */
    static final List<String> accessTokens = new CopyOnWriteArrayList<>();
    /** The end-session requests' queries. */
    static final List<String> logouts = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private HttpServer server;
    private KeyPair keys;
    private String issuer;

    static Map<String, Object> officerHuli() {
        return Map.of("sub", "officer-huli", "preferred_username", "officer-huli",
                "realm_access", Map.of("roles", List.of("default-roles-susong", "offline_access", "officer")),
                "district", "Huli");
    }

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try {
                answer(exchange);
            } catch (Exception e) {
                send(exchange, 500, "text/plain", e.toString());
            } finally {
                exchange.close();
            }
        });
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM;
        return Map.of("quarkus.oidc.auth-server-url", issuer, "quarkus.oidc.credentials.secret", SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        switch (path) {
            case REALM + "/.well-known/openid-configuration" -> send(exchange, 200, "application/json", JSON.writeValueAsString(
                    Map.of("issuer", issuer, "authorization_endpoint", issuer + "/protocol/openid-connect/auth",
                            "token_endpoint", issuer + "/protocol/openid-connect/token",
                            "jwks_uri", issuer + "/protocol/openid-connect/certs",
                            "end_session_endpoint", issuer + "/protocol/openid-connect/logout",
                            "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
                            "id_token_signing_alg_values_supported", List.of("RS256"),
                            "code_challenge_methods_supported", List.of("S256"))));
            case OIDC + "/certs" -> {
                RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
                send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("keys", List.of(Map.of(
                        "kty", "RSA", "kid", "k1", "use", "sig", "alg", "RS256",
                        "n", b64(unsigned(pub.getModulus())), "e", b64(unsigned(pub.getPublicExponent())))))));
            }
            case OIDC + "/auth" -> {
                if (!"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
                    send(exchange, 400, "text/plain", "PKCE S256 required");
                    return;
                }
                String code = UUID.randomUUID().toString();
                codes.put(code, query);
                redirect(exchange, query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?")
                        + "code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
            }
            case OIDC + "/token" -> token(exchange);
            case OIDC + "/logout" -> {
                logouts.add(exchange.getRequestURI().getRawQuery());
                redirect(exchange, query.get("post_logout_redirect_uri"));
            }
            default -> send(exchange, 404, "text/plain", "no " + path);
        }
    }

    private void token(HttpExchange exchange) throws Exception {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        boolean client = ("Basic " + Base64.getEncoder().encodeToString(("portal:" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .equals(basic)
                || ("portal".equals(body.get("client_id")) && SECRET.equals(body.get("client_secret")));
        Map<String, String> authorization = codes.remove(body.getOrDefault("code", ""));
        if (!client || authorization == null || !"authorization_code".equals(body.get("grant_type"))
                || !authorization.get("redirect_uri").equals(body.get("redirect_uri"))
                || !authorization.get("code_challenge").equals(b64(MessageDigest.getInstance("SHA-256")
                .digest(body.getOrDefault("code_verifier", "").getBytes(StandardCharsets.US_ASCII))))) {
            send(exchange, 400, "application/json", JSON.writeValueAsString(Map.of("error", "invalid_grant",
                    "error_description", "client authenticated: " + client + ", asked " + authorization)));
            return;
        }
        long now = Instant.now().getEpochSecond();
        Map<String, Object> user = nextUser;
        Map<String, Object> id = new LinkedHashMap<>(Map.of("iss", issuer, "aud", "portal", "azp", "portal",
                "sub", user.get("sub"), "iat", now, "exp", now + 300, "typ", "ID"));
        if (authorization.get("nonce") != null) {
            id.put("nonce", authorization.get("nonce"));
        }
        Map<String, Object> access = new LinkedHashMap<>(user);
        access.putAll(Map.of("iss", issuer, "aud", "susong", "azp", "portal", "iat", now, "exp", now + 300,
                "typ", "Bearer"));
        String accessToken = sign(access);
        accessTokens.add(accessToken);
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("access_token", accessToken,
                "id_token", sign(id), "token_type", "Bearer", "expires_in", 300)));
    }

    private String sign(Map<String, Object> claims) throws Exception {
        String input = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "k1"))) + "."
                + b64(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rsa.sign());
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", URI.create(location).toString());
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
