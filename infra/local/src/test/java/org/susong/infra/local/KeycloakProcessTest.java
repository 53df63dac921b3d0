package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakProcessTest {

    @TempDir
    Path dir;

    @Test
    void a_jdk_release_file_gives_its_feature_release() throws Exception {
        assertEquals(25, major("JAVA_VERSION=\"25.0.1\""));
        assertEquals(21, major("JAVA_VERSION=\"21\""));
        assertEquals(17, major("JAVA_VERSION=\"17.0.15\""));
        assertEquals(8, major("JAVA_VERSION=\"1.8.0_392\""));
        assertEquals(0, KeycloakProcess.major(dir.resolve("no-jdk-here")));
    }

    private int major(String line) throws Exception {
        Path jdk = Files.createTempDirectory(dir, "jdk");
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\n" + line + "\n");
        return KeycloakProcess.major(jdk);
    }

    @Test
    void secrets_are_generated_once_readable_by_the_owner_only_and_kept() throws Exception {
        KeycloakProcess.Settings settings = new KeycloakProcess.Settings(dir.resolve("kc"), dir, 8180, 9190, dir,
                dir.resolve("realm.json"));
        KeycloakProcess.Secrets first = settings.secrets();
        Path file = dir.resolve("idp/secrets.properties");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, settings.secrets(), "the second start reads the same secrets");
        assertTrue(first.portalSecret().length() >= 32);
        assertNotEquals(first.portalSecret(), first.opsSecret());
        assertEquals(first.opsSecret(), KeycloakProcess.environment(settings).get("SUSONG_OPS_CLIENT_SECRET"));
        assertTrue(first.portalWebSecret().length() >= 32);
        assertNotEquals(first.portalSecret(), first.portalWebSecret());
        assertEquals(first.portalWebSecret(), KeycloakProcess.environment(settings).get("SUSONG_PORTAL_WEB_CLIENT_SECRET"));
        assertEquals(java.util.Map.of("QUARKUS_OIDC_CREDENTIALS_SECRET", first.portalWebSecret()),
                KeycloakProcess.portalEnvironment(settings), "the web portal's secret reaches it by its environment");
    }

    @Test
    void a_secrets_file_of_an_earlier_start_gets_the_web_portals_secret_and_keeps_the_rest() throws Exception {
        Path file = dir.resolve("idp/secrets.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "portal.client-secret=p\nops.client-secret=o\ndemo.password=d\nadmin.password=a\n");
        KeycloakProcess.Secrets secrets = new KeycloakProcess.Settings(dir.resolve("kc"), dir, 8180, 9190, dir,
                dir.resolve("realm.json")).secrets();
        assertEquals(List.of("p", "o", "d", "a"), List.of(secrets.portalSecret(), secrets.opsSecret(),
                secrets.demoPassword(), secrets.adminPassword()));
        assertTrue(secrets.portalWebSecret().length() >= 32, secrets.toString());
    }

    @Test
    void the_realm_holds_placeholders_and_no_secret() throws Exception {
        String realm = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../keycloak/susong-realm.json"));
        assertTrue(realm.contains("\"secret\": \"${SUSONG_PORTAL_CLIENT_SECRET}\""));
        assertTrue(realm.contains("\"secret\": \"${SUSONG_OPS_CLIENT_SECRET}\""));
        assertTrue(realm.contains("\"secret\": \"${SUSONG_PORTAL_WEB_CLIENT_SECRET}\""));
        assertEquals(14, realm.split("\"value\": \"\\$\\{SUSONG_DEMO_PASSWORD}\"", -1).length - 1,
                "every demo user's password is the placeholder");
    }
}
