package org.susong.infra.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The broker's SCRAM passwords, one per principal (the five services, the portal, {@code ops} for audit and replay,
 * {@code admin} for the broker itself), in a properties file the launcher generates at first start
 * ({@code .platform/secrets/kafka.properties}, mode 600, never in git). A principal missing from an
 * existing file gets a password; the others keep theirs.
 */
public final class BrokerCredentials {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String ADMIN = "admin";
    public static final String OPS = "ops";
    /** The file of {@code ./platform run}, relative to the project root. */
    public static final Path LOCAL_FILE = Path.of(".platform", "secrets", "kafka.properties");

    private final Map<String, String> passwords;

    private BrokerCredentials(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** Every principal the platform uses: admin, ops, one per service and one per web process that reads events (the portal). */
    public static List<String> principals() {
        List<String> names = new ArrayList<>(List.of(ADMIN, OPS));
        ServiceSpec.ALL.forEach(s -> names.add(s.name()));
        names.addAll(BrokerAccess.webPrincipals());
        return names;
    }

    /** Reads the file, adding a password for every principal it lacks (and creating it, mode 600, if missing). */
    public static BrokerCredentials loadOrCreate(Path file) {
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    stored.load(in);
                }
            }
            Map<String, String> passwords = new TreeMap<>();
            boolean added = false;
            for (String principal : principals()) {
                String password = stored.getProperty(principal);
                if (password == null || password.isBlank()) {
                    password = newPassword();
                    added = true;
                }
                passwords.put(principal, password);
            }
            if (added) {
                write(file, passwords);
            }
            return new BrokerCredentials(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the broker credentials " + file, e);
        }
    }

    /** Reads an existing file; empty when there is none (a broker without authentication). */
    public static java.util.Optional<BrokerCredentials> readIfPresent(Path file) {
        return Files.exists(file) ? java.util.Optional.of(loadOrCreate(file)) : java.util.Optional.empty();
    }

    /**
     * The ops tools' broker settings: in a cluster, the {@code KAFKA_*} environment a service's Deployment also sets
     * (security protocol, SASL mechanism and JAAS line of the tool's KafkaUser, the cluster CA as trust store); else
     * the ops principal of the local platform's file; else none (a plaintext broker).
     */
    public static Map<String, String> opsClientProperties(Map<String, String> env, Path localFile) {
        if (env.containsKey(ENV_PREFIX + "SECURITY_PROTOCOL")) {
            Map<String, String> p = new TreeMap<>();
            env.forEach((name, value) -> {
                if (name.startsWith(ENV_PREFIX) && !name.equals(BOOTSTRAP_ENV)) {
                    // the inverse of serviceEnvironment: KAFKA_SASL_JAAS_CONFIG -> sasl.jaas.config
                    p.put(name.substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
                }
            });
            return p;
        }
        return readIfPresent(localFile).map(c -> c.clientProperties(OPS)).orElse(Map.of());
    }

    /** The ops tools' broker settings of this process: its environment, else {@link #LOCAL_FILE}. */
    public static Map<String, String> opsClientProperties() {
        return opsClientProperties(System.getenv(), LOCAL_FILE);
    }

    /** The broker to reach: {@code KAFKA_BOOTSTRAP_SERVERS} when set, else {@code fallback}. */
    public static String bootstrap(Map<String, String> env, String fallback) {
        String servers = env.get(BOOTSTRAP_ENV);
        return servers == null || servers.isBlank() ? fallback : servers;
    }

    private static final String ENV_PREFIX = "KAFKA_";
    private static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    public String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no broker credentials for '" + principal + "'");
        }
        return password;
    }

    /** The JAAS line of a SCRAM client logging in as {@code principal}. */
    public String jaas(String principal) {
        return jaas(principal, password(principal));
    }

    static String jaas(String principal, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + password + "\";";
    }

    /** Kafka client settings (producer, consumer, admin) for {@code principal} over SASL/SCRAM. */
    public Map<String, String> clientProperties(String principal) {
        return clientProperties(principal, password(principal));
    }

    static Map<String, String> clientProperties(String principal, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas(principal, password));
        return p;
    }

    /**
     * The same settings as environment variables a Quarkus service maps to {@code kafka.*} (every channel,
     * the dead-letter producers and the admin client of the topic readiness check read {@code kafka.*}).
     * Environment, not {@code -D}: a process's command line is visible to every local user, its environment not.
     */
    public Map<String, String> serviceEnvironment(String principal) {
        Map<String, String> env = new LinkedHashMap<>();
        clientProperties(principal).forEach((key, value) -> env.put("KAFKA_" + key.toUpperCase().replace('.', '_'), value));
        return env;
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, Map<String, String> passwords) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Path tmp = Files.createTempFile(dir, "kafka", ".tmp");
        if (posix) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Properties out = new Properties();
        out.putAll(passwords);
        try (OutputStream stream = Files.newOutputStream(tmp)) {
            out.store(stream, "SCRAM passwords of the local broker's principals; generated by ./platform run, never commit");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
