package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code ./platform run} starts the reference district portal after the services - in their profile, its
 * REST clients on their first replicas, its evaluation read model on the broker (as {@code portal}) and the store - stops it first, and starts the rest when the
 * portal is not built. No process is started here.
 */
class PortalLaunchTest {

    @TempDir
    Path root;

    PlatformProcesses platform(List<ServiceSpec> services, List<String> progress) {
        return new PlatformProcesses(new PlatformProcesses.Options(root, root.resolve(".platform"), "local", 1, 2, 3,
                services, Duration.ofSeconds(1)), progress::add).withWebProcesses(WebSpec.ALL);
    }

    void built(ProcessSpec process) throws Exception {
        Files.createDirectories(process.runner(root).getParent());
        Files.writeString(process.runner(root), "");
    }

    @Test
    void the_portal_runs_in_the_local_profile_with_the_first_replicas_urls_and_its_evaluation_on_the_broker_and_store() {
        List<String> command = platform(ServiceSpec.replicas(ServiceSpec.ALL, 2), new ArrayList<>()).webCommand(WebSpec.PORTAL);

        assertTrue(command.contains("-Dquarkus.profile=local"), "the profile whose development sign-in is on: " + command);
        assertTrue(command.contains("-Dquarkus.http.port=8080"), command.toString());
        List<String> clients = command.stream().filter(a -> a.startsWith("-Dquarkus.rest-client.")).toList();
        assertEquals(List.of("-Dquarkus.rest-client.applications.url=http://127.0.0.1:8081",
                "-Dquarkus.rest-client.eligibility.url=http://127.0.0.1:8082",
                "-Dquarkus.rest-client.payments.url=http://127.0.0.1:8083",
                "-Dquarkus.rest-client.tech-contracts.url=http://127.0.0.1:8084"), clients, "the first replicas, not 818x");
        assertEquals(List.of("-jar", root.resolve("services/portal/target/quarkus-app/quarkus-run.jar").toString()),
                command.subList(command.size() - 2, command.size()));
        assertTrue(command.containsAll(List.of("-Dkafka.bootstrap.servers=127.0.0.1:1",
                "-Dquarkus.mongodb.connection-string=mongodb://127.0.0.1:3", "-Dsusong.portal.evaluation.enabled=true")),
                "the evaluation read model on, on the services' broker and store: " + command);
        command.forEach(a -> assertFalse(a.contains("sasl") || a.contains("password") || a.contains("management")
                || a.contains("oidc") || a.contains("susong.clock"), "no credential, identity or clock setting: " + a));
        assertEquals("http://127.0.0.1:8080/q/health/ready", WebSpec.PORTAL.readiness().toString(),
                "no management interface: health on its HTTP port");
    }

    /**
     * Issue 18 item 4: the portal logs in to the broker as its own principal {@code portal}, its password in its
     * environment as the services' (never on its command line), none of the services' environment.
     */
    @Test
    void the_portal_logs_in_to_the_broker_as_portal_through_its_environment() {
        PlatformProcesses platform = platform(ServiceSpec.ALL, new ArrayList<>())
                .withServiceEnvironment(java.util.Map.of("OTEL_SDK_DISABLED", "false"));

        java.util.Map<String, String> env = platform.environment(WebSpec.PORTAL);

        BrokerCredentials credentials = BrokerCredentials.loadOrCreate(root.resolve(".platform/secrets/kafka.properties"));
        assertEquals(credentials.serviceEnvironment("portal"), env);
        assertTrue(env.get("KAFKA_SASL_JAAS_CONFIG").contains("username=\"portal\""), env.toString());
        assertNotEquals(credentials.password("payments"), credentials.password("portal"));
        String password = credentials.password("portal");
        platform.webCommand(WebSpec.PORTAL).forEach(a -> assertFalse(a.contains(password), "no password on the command line"));
        assertEquals(credentials.serviceEnvironment("payments").get("KAFKA_SASL_JAAS_CONFIG"),
                platform.environment(ServiceSpec.ALL.get(2)).get("KAFKA_SASL_JAAS_CONFIG"), "a service: its own");
    }

    @Test
    void services_on_other_ports_are_what_the_portal_calls() {
        List<ServiceSpec> moved = List.of(new ServiceSpec("applications", 18081, 19081, false),
                new ServiceSpec("eligibility", 18082, 19082, true), new ServiceSpec("payments", 18083, 19083, true));

        List<String> command = platform(moved, new ArrayList<>()).webCommand(WebSpec.PORTAL);

        assertTrue(command.contains("-Dquarkus.rest-client.applications.url=http://127.0.0.1:18081"), command.toString());
        assertTrue(command.contains("-Dquarkus.rest-client.payments.url=http://127.0.0.1:18083"), command.toString());
        assertTrue(command.stream().noneMatch(a -> a.contains("tech-contracts")), "a service not started: the portal's default");
    }

    @Test
    void a_portal_that_is_not_built_is_named_with_its_build_command_and_the_services_still_start() throws Exception {
        for (ServiceSpec service : ServiceSpec.ALL) {
            built(service);
        }
        List<String> progress = new ArrayList<>();
        try (ServerSocket kafka = new ServerSocket()) {
            kafka.bind(new InetSocketAddress("127.0.0.1", 0));
            PlatformProcesses platform = new PlatformProcesses(new PlatformProcesses.Options(root, root.resolve(".platform"),
                    "local", kafka.getLocalPort(), PlatformProcesses.freePort(), PlatformProcesses.freePort(), ServiceSpec.ALL,
                    Duration.ofSeconds(1)), progress::add).withWebProcesses(WebSpec.ALL);

            assertEquals(List.of(), platform.webProcesses());
            // past the services' jar check: the start goes on and stops only at the port held here
            PlatformProcesses.StartFailure failure = assertThrows(PlatformProcesses.StartFailure.class, platform::start);
            assertTrue(failure.getMessage().startsWith("Port " + kafka.getLocalPort() + " (Kafka)"), failure.getMessage());
        }
        assertEquals(List.of("The portal is not built (services/portal/target/quarkus-app/quarkus-run.jar is missing), so it"
                + " is not started; build it with ./mvnw -B -q -pl services/portal -am package -DskipTests and run"
                + " ./platform run again."), progress);
    }

    @Test
    void a_built_portal_is_started_and_its_port_checked_also_with_the_identity_provider() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress("127.0.0.1", 0));
            WebSpec portal = new WebSpec("portal", held.getLocalPort(), WebSpec.PORTAL.clients());
            built(portal);
            PlatformProcesses platform = new PlatformProcesses(new PlatformProcesses.Options(root, root.resolve(".platform"),
                    "local", PlatformProcesses.freePort(), PlatformProcesses.freePort(), PlatformProcesses.freePort(), List.of(),
                    Duration.ofSeconds(1)), line -> { }).withWebProcesses(List.of(portal));

            assertEquals(List.of(portal), platform.webProcesses());
            assertEquals(List.of(held.getLocalPort() + " (portal)"), platform.takenPorts());

            platform.withIdentityProvider(KeycloakProcess.Settings.defaults(root, root));
            assertEquals(List.of(portal), platform.webProcesses(), "--with-idp: the portal signs in through it");
            assertEquals(java.util.Map.of(), platform.webSkipped());
        }
        PlatformProcesses e2e = new PlatformProcesses(PlatformProcesses.Options.defaults(root), line -> { });
        assertEquals(List.of(), e2e.webProcesses(), "without withWebProcesses (the end-to-end tests): none");
    }

    @Test
    void with_the_identity_provider_the_portal_signs_in_through_the_realms_portal_client_and_the_dev_sign_in_is_off() {
        PlatformProcesses platform = platform(ServiceSpec.ALL, new ArrayList<>())
                .withIdentityProvider(KeycloakProcess.Settings.defaults(root, root));

        List<String> command = platform.webCommand(WebSpec.PORTAL);

        for (String on : List.of("-Dquarkus.oidc.tenant-enabled=true", "-D%local.quarkus.oidc.tenant-enabled=true",
                "-Dsusong.portal.dev-sign-in=false", "-D%local.susong.portal.dev-sign-in=false",
                "-Dquarkus.oidc.auth-server-url=http://127.0.0.1:8180/realms/susong", "-Dquarkus.oidc.client-id=portal")) {
            assertTrue(command.contains(on), on + " in " + command);
        }
        command.forEach(a -> assertFalse(a.contains("secret") || a.contains("header-stub") || a.contains("sasl") || a.contains("password"),
                "no secret on the command line (its environment: KeycloakProcessTest), nothing of the services': " + a));
        assertEquals(List.of("-jar", root.resolve("services/portal/target/quarkus-app/quarkus-run.jar").toString()),
                command.subList(command.size() - 2, command.size()));
    }

    @Test
    void the_portal_is_stopped_first_and_is_a_known_process() {
        assertEquals(List.of("portal", "applications", "payments", "payments-2", "prometheus", "keycloak", "broker", "store"),
                Platform.stopOrder(List.of("store", "payments-2", "broker", "portal", "applications", "payments", "keycloak")));
        assertEquals(List.of("applications", "prometheus", "keycloak", "broker", "store"),
                Platform.stopOrder(List.of("applications")), "no portal pid file: as before");
        assertTrue(PlatformProcesses.processNames(ServiceSpec.ALL).contains("portal"));
        assertEquals(1, Platform.signal(root, List.of("portal"), true), "a known process; no launcher running");
    }
}
