package org.susong.infra.local;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;

/**
 * A MongoDB-wire server (mongo-java-server) for the real MongoDB driver. The H2 file backend keeps
 * data across restarts; see toolchain.md for what this store does not do (no transactions, no
 * TTL, secondary indexes ignored).
 */
final class MongoStore {

    private final InfraSettings settings;
    private MongoServer server;
    private MongoBackend backend;

    MongoStore(InfraSettings settings) {
        this.settings = settings;
    }

    void start() throws Exception {
        if (settings.durableStore()) {
            Files.createDirectories(settings.dataDir().resolve("mongo"));
            backend = new H2Backend(settings.dataDir().resolve("mongo").resolve("store.mv").toString());
        } else {
            backend = H2Backend.inMemory();
        }
        server = new MongoServer(backend);
        server.enableOplog();
        server.bind(settings.bindHost(), settings.mongoPort());
    }

    void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
