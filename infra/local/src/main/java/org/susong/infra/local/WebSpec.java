package org.susong.infra.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A web process {@code ./platform run} starts after the services and stops before them: the reference district portal
 * (issue 18). It reaches the services only through their REST APIs, one REST client each
 * ({@code quarkus.rest-client.<service>.url}); none of the services' checks (audit, replicas) concern it. The portal also
 * keeps the evaluation read model (issue 18 item 4): it reads the {@code *.events} topics as its own broker principal
 * ({@link BrokerAccess#WEB_CONSUMES}) into its own store database, so it gets the broker, its credentials and the store
 * as a service does ({@link #evaluationProperties}). One process, never replicated; its health is on its HTTP
 * port (no management interface: it does not use commons, whose config turns that on for the services).
 */
public record WebSpec(String name, int port, List<String> clients) implements ProcessSpec {

    public WebSpec {
        clients = List.copyOf(clients);
    }

    /** The portal on 8080 (README), calling four of the services (docs/services/portal.md, "What it calls"). */
    public static final WebSpec PORTAL = new WebSpec("portal", 8080,
            List.of("applications", "eligibility", "payments", "tech-contracts"));

    /** The web processes of {@code ./platform run}; of the end-to-end tests only AfterDecisionIT starts them (browser journeys). */
    public static final List<WebSpec> ALL = List.of(PORTAL);

    @Override
    public String process() {
        return name;
    }

    @Override
    public Path runner(Path root) {
        return ProcessSpec.quarkusRunner(root, name);
    }

    @Override
    public URI readiness() {
        return URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    }

    /** Whether it logs in to the broker (and keeps a store database): the portal's evaluation read model. */
    public boolean readsEvents() {
        return BrokerAccess.webPrincipals().contains(name);
    }

    /**
     * The evaluation read model turned on, on this broker and store (its database is its own, {@code portal}, in its
     * application.properties), as system properties; none for a process that reads no events. Its broker credentials go
     * in its environment ({@link BrokerCredentials#serviceEnvironment}), never here.
     */
    public List<String> evaluationProperties(String kafka, String mongo) {
        if (!readsEvents()) {
            return List.of();
        }
        return List.of("-Dkafka.bootstrap.servers=" + kafka, "-Dquarkus.mongodb.connection-string=" + mongo,
                "-Dsusong.portal.evaluation.enabled=true");
    }

    /**
     * Its REST clients pointed at the services' first replicas' HTTP ports, as system properties (a service not in
     * {@code services} keeps the process's own default). Any replica answers a service's API; the first is always there.
     */
    public List<String> clientProperties(List<ServiceSpec> services) {
        List<String> properties = new ArrayList<>();
        for (String client : clients) {
            services.stream().filter(s -> s.name().equals(client) && s.replica() == 1).findFirst().ifPresent(s ->
                    properties.add("-Dquarkus.rest-client." + client + ".url=http://127.0.0.1:" + s.port()));
        }
        return properties;
    }
}
