package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The ACL table of {@link BrokerAccess} against what the services are configured to do: a new incoming
 * channel, outgoing channel or group that the table does not grant fails here, not at run time.
 */
class BrokerAccessTableTest {

    static final Path SERVICES = Path.of(System.getProperty("susong.root", "../..")).resolve("services");

    @Test
    void each_service_is_granted_exactly_the_topics_its_incoming_channels_read() throws IOException {
        for (ServiceSpec service : ServiceSpec.ALL) {
            Properties config = load(SERVICES.resolve(service.name()).resolve("src/main/resources/application.properties"));
            Set<String> incoming = new TreeSet<>();
            for (String key : config.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    incoming.add(config.getProperty(key));
                }
                if (key.endsWith(".group.id")) {
                    String group = config.getProperty(key).replace("${susong.messaging.service}", service.name());
                    assertTrue(BrokerAccess.groups(service.name()).contains(group), service.name() + " reads with group "
                            + group + ": grant it in BrokerAccess.MORE_GROUPS");
                    continue;
                }
                assertTrue(!key.startsWith("mp.messaging.outgoing.")
                        && !key.contains("dead-letter-queue.topic"), service.name() + " sets " + key
                        + ": grant it in BrokerAccess (topics written, groups used) and adjust this test");
            }
            assertEquals(incoming, new TreeSet<>(BrokerAccess.reads(service.name())), service.name());
            assertEquals(service.name(), config.getProperty("susong.messaging.service"), service.name());

            // the readiness check describes these: each must be granted (read or write imply describe)
            Set<String> granted = new HashSet<>(BrokerAccess.produces(service.name()));
            granted.addAll(incoming);
            for (String topic : config.getProperty("susong.messaging.topics").split(",")) {
                assertTrue(granted.contains(topic.trim()), service.name() + " checks " + topic + " without an ACL for it");
            }
        }
    }

    /**
     * The portal's evaluation read model (issue 18 item 4): its one incoming channel reads exactly the topics granted,
     * with commons' default group (its {@code susong.messaging.service}); commons' dead-letter topic of it is granted; it
     * writes nothing else (no outgoing channel enabled); the topics it describes are granted.
     */
    @Test
    void the_portal_is_granted_exactly_what_its_evaluation_channel_reads_and_its_dead_letters() throws IOException {
        Properties config = load(SERVICES.resolve("portal/src/main/resources/application.properties"));
        Set<String> incoming = new TreeSet<>();
        for (String key : config.stringPropertyNames()) {
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?")) {
                for (String topic : config.getProperty(key).split(",")) {
                    incoming.add(topic.trim());
                }
            }
            assertTrue(!key.contains("group.id") && !key.contains("dead-letter-queue.topic"), "the portal sets " + key
                    + ": grant it in BrokerAccess.WEB_CONSUMES and adjust this test");
            assertTrue(!key.startsWith("mp.messaging.outgoing.") || key.endsWith(".enabled")
                    && "false".equals(config.getProperty(key)), "the portal writes with " + key + ": grant it");
        }
        assertEquals(List.of("portal"), BrokerAccess.webPrincipals());
        assertEquals("portal", config.getProperty("susong.messaging.service"));
        assertEquals(incoming, new TreeSet<>(BrokerAccess.WEB_CONSUMES.get("portal")));
        Set<String> lines = new TreeSet<>(BrokerAccess.describe(BrokerAccess.bindings()));
        Set<String> portal = new TreeSet<>();
        lines.stream().filter(l -> l.startsWith("User:portal ")).forEach(portal::add);
        Set<String> expected = new TreeSet<>(List.of("User:portal WRITE TOPIC portal.dlq", "User:portal READ GROUP portal"));
        incoming.forEach(topic -> expected.add("User:portal READ TOPIC " + topic));
        assertEquals(expected, portal);
        for (String topic : config.getProperty("susong.messaging.topics").split(",")) {
            assertTrue(portal.contains("User:portal READ TOPIC " + topic.trim())
                    || portal.contains("User:portal WRITE TOPIC " + topic.trim()), "the portal checks " + topic + " without an ACL");
        }
        assertTrue(lines.contains("User:ops READ TOPIC portal.dlq"), "ops audits the portal's dead letters");
        assertTrue(BrokerCredentials.principals().contains("portal"), "the portal has a SCRAM password");
    }

    @Test
    void the_shared_defaults_write_to_the_service_topics_and_consume_with_the_service_group() throws IOException {
        Properties defaults = load(SERVICES.resolve("commons/src/main/resources/META-INF/microprofile-config.properties"));
        List<String> outgoing = defaults.stringPropertyNames().stream()
                .filter(k -> k.startsWith("mp.messaging.outgoing.") && k.endsWith(".topic")).toList();
        assertEquals(List.of("mp.messaging.outgoing.events-out.topic"), outgoing);
        assertEquals("${susong.messaging.service}.events", defaults.getProperty("mp.messaging.outgoing.events-out.topic"));
        assertEquals("${susong.messaging.service}.dlq",
                defaults.getProperty("mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic"));
        assertEquals("${susong.messaging.service}", defaults.getProperty("mp.messaging.connector.smallrye-kafka.group.id"));
        assertEquals(List.of("applications.events", "applications.dlq"), BrokerAccess.produces("applications"));
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
