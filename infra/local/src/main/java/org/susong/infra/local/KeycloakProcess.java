package org.susong.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real identity provider of {@code ./platform run --with-idp} and the identity end-to-end
 * test: Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, fetched from Maven Central through the
 * Maven wrapper) in dev mode on an in-memory database, importing the versioned realm
 * {@code infra/keycloak/susong-realm.json} at every start. The realm holds no secret: the client
 * secrets and the demo users' password are generated once into {@code <state>/idp/secrets.properties}
 * (mode 600) and reach Keycloak as the environment variables the realm's placeholders name.
 * Keycloak needs Java 21+, which the platform itself does not: {@link #findJdk21} looks for one.
 */
public final class KeycloakProcess {

    public static final String VERSION = "26.7.3";
    public static final String ARTIFACT = "org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip";
    public static final String REALM = "susong";
    public static final String AUDIENCE = "susong";
    public static final String PORTAL_CLIENT = "susong-portal";
    public static final String OPS_CLIENT = "susong-ops";
    /** The reference district portal's client (services/portal): authorization-code flow only, confidential, PKCE. */
    public static final String PORTAL_WEB_CLIENT = "portal";
    public static final int DEFAULT_HTTP_PORT = 8180;
    public static final int DEFAULT_MANAGEMENT_PORT = 9190;

    /** Where the distribution is, which JDK runs it, its ports and the platform's state directory (secrets). */
    public record Settings(Path home, Path javaHome, int httpPort, int managementPort, Path stateDir, Path realmFile) {

        /** {@code ./platform run --with-idp}: the distribution under {@code .platform/keycloak}, fixed ports. */
        public static Settings defaults(Path root, Path javaHome) {
            Path state = root.resolve(".platform");
            return new Settings(distributionDir(state.resolve("keycloak")), javaHome, DEFAULT_HTTP_PORT,
                    DEFAULT_MANAGEMENT_PORT, state, root.resolve("infra/keycloak/susong-realm.json"));
        }

        /** The issuer of the realm's tokens, which the services verify. */
        public String issuer() {
            return "http://127.0.0.1:" + httpPort + "/realms/" + REALM;
        }

        public Secrets secrets() {
            return Secrets.loadOrCreate(stateDir.resolve("idp").resolve("secrets.properties"));
        }
    }

    /**
     * Generated at first start, never in git: the client secrets ({@code susong-portal}, {@code susong-ops}, the web
     * portal's {@code portal}), the demo users' password, the master admin's. A file of an earlier start gets the
     * missing ones added.
     */
    public record Secrets(String portalSecret, String opsSecret, String demoPassword, String adminPassword,
                          String portalWebSecret) {

        static Secrets loadOrCreate(Path file) {
            try {
                Properties p = new Properties();
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        p.load(in);
                    }
                }
                boolean changed = false;
                for (String key : List.of("portal.client-secret", "ops.client-secret", "demo.password", "admin.password",
                        "portal-web.client-secret")) {
                    if (p.getProperty(key, "").isBlank()) {
                        p.setProperty(key, random());
                        changed = true;
                    }
                }
                if (changed) {
                    Files.createDirectories(file.getParent());
                    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                    Files.deleteIfExists(tmp);
                    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        p.store(out, "Susong identity provider secrets, generated at first start; never commit");
                    }
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return new Secrets(p.getProperty("portal.client-secret"), p.getProperty("ops.client-secret"),
                        p.getProperty("demo.password"), p.getProperty("admin.password"),
                        p.getProperty("portal-web.client-secret"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String random() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KeycloakProcess() {
    }

    /** The unpacked distribution's folder under {@code dir} (where {@code dependency:unpack} puts it). */
    public static Path distributionDir(Path dir) {
        return dir.resolve("keycloak-" + VERSION);
    }

    /**
     * A JDK 21 or newer: {@code JAVA21_HOME}, the running JDK, or the newest under {@code /usr/lib/jvm}.
     * Empty when there is none.
     */
    public static Optional<Path> findJdk21() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA21_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(Files::isDirectory).sorted(Comparator.comparingInt(KeycloakProcess::major).reversed())
                        .forEach(candidates::add);
            } catch (IOException ignored) {
                // no candidates from there
            }
        }
        return candidates.stream().filter(p -> Files.isExecutable(p.resolve("bin/java")) && major(p) >= 21).findFirst();
    }

    /** The feature release of a JDK folder from its {@code release} file; 0 when unknown. */
    static int major(Path javaHome) {
        try {
            Path release = javaHome.resolve("release");
            if (!Files.exists(release)) {
                return 0;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(release)) {
                p.load(in);
            }
            String version = p.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            String first = version.startsWith("1.") ? version.substring(2) : version;
            return Integer.parseInt(first.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Unpacks the distribution from Maven Central into {@code dir} through the project's Maven wrapper
     * (once; the local repository caches the zip). Returns the distribution folder.
     */
    public static Path ensureDistribution(Path root, Path dir, java.util.function.Consumer<String> progress)
            throws IOException, InterruptedException {
        Path home = distributionDir(dir);
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home;
        }
        progress.accept("fetching Keycloak " + VERSION + " from Maven Central (once, ~180 MB) ...");
        Files.createDirectories(dir);
        Path log = dir.resolve("fetch.log");
        Process mvn = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-N",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack", "-Dartifact=" + ARTIFACT,
                // unpack even when the plugin's marker (in target/, shared by every call) says it did so elsewhere
                "-Dmdep.overWriteReleases=true",
                "-DoutputDirectory=" + dir.toAbsolutePath()).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (mvn.waitFor() != 0 || !Files.exists(home.resolve("bin/kc.sh"))) {
            throw new PlatformProcesses.StartFailure("Fetching " + ARTIFACT + " failed; see " + log + ".");
        }
        return home;
    }

    /** Puts the realm into the distribution's import folder (read by {@code --import-realm}). */
    static void installRealm(Settings settings) throws IOException {
        Path imports = settings.home().resolve("data").resolve("import");
        Files.createDirectories(imports);
        Files.copy(settings.realmFile(), imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The command: dev mode, in-memory database (the realm is imported afresh at every start), fixed issuer. */
    static List<String> command(Settings settings) {
        return List.of("bash", settings.home().resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + settings.httpPort(), "--http-management-port=" + settings.managementPort(),
                "--http-host=127.0.0.1", "--hostname=http://127.0.0.1:" + settings.httpPort(),
                "--import-realm", "--db=dev-mem");
    }

    /** The environment: the JDK, and the secrets the realm's {@code ${...}} placeholders name. */
    static Map<String, String> environment(Settings settings) {
        Secrets secrets = settings.secrets();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", settings.javaHome().toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword());
        env.put("SUSONG_PORTAL_CLIENT_SECRET", secrets.portalSecret());
        env.put("SUSONG_OPS_CLIENT_SECRET", secrets.opsSecret());
        env.put("SUSONG_PORTAL_WEB_CLIENT_SECRET", secrets.portalWebSecret());
        env.put("SUSONG_DEMO_PASSWORD", secrets.demoPassword());
        return env;
    }

    /**
     * The system properties that turn a service's OIDC bearer-token verification on and the header
     * stub off in {@code profile} (also in their {@code %profile.} form, which commons' defaults use).
     */
    public static List<String> serviceProperties(Settings settings, String profile) {
        List<String> properties = new ArrayList<>();
        Map.of("susong.identity.header-stub", "false",
                "quarkus.oidc.tenant-enabled", "true").forEach((key, value) -> {
                    properties.add("-D" + key + "=" + value);
                    properties.add("-D%" + profile + "." + key + "=" + value);
                });
        properties.add("-Dquarkus.oidc.application-type=service");
        properties.add("-Dquarkus.oidc.auth-server-url=" + settings.issuer());
        properties.add("-Dquarkus.oidc.token.audience=" + AUDIENCE);
        return properties;
    }

    /**
     * The system properties that turn the portal's sign-in through this realm on (the authorization-code flow with the
     * {@code portal} client) and its development sign-in off in {@code profile} (also in the {@code %profile.} form,
     * which the portal's own defaults use). The client's secret is not among them: {@link #portalEnvironment}.
     */
    public static List<String> portalProperties(Settings settings, String profile) {
        List<String> properties = new ArrayList<>();
        Map.of("susong.portal.dev-sign-in", "false", "quarkus.oidc.tenant-enabled", "true").forEach((key, value) -> {
            properties.add("-D" + key + "=" + value);
            properties.add("-D%" + profile + "." + key + "=" + value);
        });
        properties.add("-Dquarkus.oidc.auth-server-url=" + settings.issuer());
        properties.add("-Dquarkus.oidc.client-id=" + PORTAL_WEB_CLIENT);
        return properties;
    }

    /** The portal's environment: its client's secret (a command line is readable by every user of the machine). */
    public static Map<String, String> portalEnvironment(Settings settings) {
        return Map.of("QUARKUS_OIDC_CREDENTIALS_SECRET", settings.secrets().portalWebSecret());
    }

    /** The realm is imported and its discovery document answers. */
    static boolean ready(Settings settings) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(settings.issuer()
                    + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A demo user's access token from the portal client (resource-owner password grant; demo only). */
    public static String userToken(Settings settings, String username) {
        Secrets secrets = settings.secrets();
        return token(settings, Map.of("grant_type", "password", "client_id", PORTAL_CLIENT,
                "client_secret", secrets.portalSecret(), "username", username, "password", secrets.demoPassword(),
                "scope", "openid"));
    }

    /** The operations client's own access token (client credentials; its service account is an auditor). */
    public static String opsToken(Settings settings) {
        return clientCredentialsToken(settings.issuer(), OPS_CLIENT, settings.secrets().opsSecret());
    }

    /** A client's own access token (client credentials) from the realm at {@code issuer} (the ops Job in a cluster). */
    public static String clientCredentialsToken(String issuer, String clientId, String clientSecret) {
        return token(issuer, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret));
    }

    private static String token(Settings settings, Map<String, String> form) {
        return token(settings.issuer(), form);
    }

    private static String token(String issuer, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer
                            + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !json.hasNonNull("access_token")) {
                throw new IllegalStateException("Keycloak refused the token request (HTTP " + response.statusCode() + "): "
                        + json.path("error").asText() + " " + json.path("error_description").asText());
            }
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + issuer + " is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Resident memory of a process and its descendants (Keycloak runs as a child of kc.sh), in MB; -1 when unknown. */
    public static long residentMegabytes(ProcessHandle process) {
        long kb = Stream.concat(Stream.of(process), process.descendants()).mapToLong(KeycloakProcess::rssKb).sum();
        return kb <= 0 ? -1 : kb / 1024;
    }

    private static long rssKb(ProcessHandle p) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
