package org.susong.testing.archfixture.owndatabase.persistence;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Fixture: the database name read into a field - refused as well. */
public class NamedDatabase {

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
}
