package org.susong.testing.archfixture.leakydomain.domain;

import com.mongodb.client.MongoClient;

/** Fixture: a domain type that knows the database - what the rule must refuse. */
public class Leaky {
    private MongoClient client;

    public MongoClient client() {
        return client;
    }
}
