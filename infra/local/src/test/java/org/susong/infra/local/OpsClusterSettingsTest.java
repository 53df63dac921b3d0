package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The ops tools ({@code ./platform audit}, {@code ./platform replay}) run as a Kubernetes Job (infra/k8s base/ops):
 * they take the broker and its login from the same {@code KAFKA_*} environment a service's Deployment sets (SASL_SSL
 * with the KafkaUser's {@code sasl.jaas.config} and Strimzi's CA), and the auditor's token from the identity
 * provider with the ops client's credentials; without that environment, the local platform's as before.
 */
class OpsClusterSettingsTest {

    static final Map<String, String> CLUSTER = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "susong-kafka-bootstrap:9093",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"susong-ops-audit\" password=\"p\";",
            "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/susong/kafka-ca/ca.crt",
            "HOME", "/opt/susong");

    @Test
    void in_a_cluster_the_broker_and_its_login_come_from_the_kafka_environment_and_win_over_a_local_file() throws Exception {
        Path file = Files.createTempDirectory("ops-settings").resolve("kafka.properties");
        BrokerCredentials.loadOrCreate(file); // a local file too: the environment wins

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", CLUSTER.get("KAFKA_SASL_JAAS_CONFIG"), "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/susong/kafka-ca/ca.crt"), BrokerCredentials.opsClientProperties(CLUSTER, file));
        assertEquals("susong-kafka-bootstrap:9093", BrokerCredentials.bootstrap(CLUSTER, "127.0.0.1:9092"));
    }

    @Test
    void without_the_kafka_environment_the_local_platforms_ops_principal_or_a_plaintext_broker() throws Exception {
        Path file = Files.createTempDirectory("ops-settings").resolve("kafka.properties");
        assertEquals(Map.of(), BrokerCredentials.opsClientProperties(Map.of("HOME", "/x"), file), "no file: plaintext");
        BrokerCredentials local = BrokerCredentials.loadOrCreate(file);
        assertEquals(local.clientProperties(BrokerCredentials.OPS), BrokerCredentials.opsClientProperties(Map.of(), file));
        assertEquals("127.0.0.1:9092", BrokerCredentials.bootstrap(Map.of(), "127.0.0.1:9092"));
    }

    @Test
    void the_auditors_token_is_the_ops_clients_own_from_the_identity_provider_named_by_the_environment() throws Exception {
        List<String> forms = new CopyOnWriteArrayList<>();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/realms/susong/protocol/openid-connect/token", exchange -> {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"access_token\":\"tok-123\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        try {
            String issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/susong";
            assertEquals("tok-123", Audit.bearer(Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", issuer,
                    "SUSONG_OPS_CLIENT_SECRET", "s3cret")));
            assertEquals(1, forms.size(), forms.toString());
            assertTrue(forms.get(0).contains("grant_type=client_credentials") && forms.get(0).contains("client_id="
                    + KeycloakProcess.OPS_CLIENT) && forms.get(0).contains("client_secret=s3cret"), forms.get(0));

            assertEquals("given", Audit.bearer(Map.of("SUSONG_TOKEN", "given", "QUARKUS_OIDC_AUTH_SERVER_URL", issuer,
                    "SUSONG_OPS_CLIENT_SECRET", "s3cret")), "a token given wins");
            assertEquals(1, forms.size(), "and none is asked for");
        } finally {
            idp.stop(0);
        }
        assertEquals(null, Audit.bearer(Map.of()), "local platform without the identity provider: the header stub");
    }
}
