package org.susong.commons.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one set-up of the tests and benchmark of commons' outbox relay (issue 21): the service's client of the store,
 * its outbox settings and mapper, and where the store and the broker are.
 */
abstract class RelayStore {

    @Inject
    MongoClient mongo;
    @Inject
    OutboxConfig config;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String connection;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
}
