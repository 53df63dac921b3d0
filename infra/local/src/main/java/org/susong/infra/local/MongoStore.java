package org.susong.infra.local;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;

/**
 * A MongoDB-wire server (mongo-java-server) for the real MongoDB driver. The H2 file backend keeps
 * data across restarts; see docs/toolchain.md#store for what this store does not do (no transactions, no
 * TTL, secondary indexes ignored); {@link IdIndexedH2Backend} answers {@code _id}-pinned queries from the index.
 */
final class MongoStore {

    private final InfraSettings settings;
    private MongoServer server;
    private MongoBackend backend;

    MongoStore(InfraSettings settings) {
        this.settings = settings;
    }

    void start() throws Exception {
        // susong.infra.plain-store=true: the library's backend as it ships, for before/after benchmarks
        boolean plain = Boolean.parseBoolean(InfraSettings.setting("plain-store", "false"));
        if (settings.durableStore()) {
            Files.createDirectories(settings.dataDir().resolve("mongo"));
            String file = settings.dataDir().resolve("mongo").resolve("store.mv").toString();
            backend = plain ? new de.bwaldvogel.mongo.backend.h2.H2Backend(file) : IdIndexedH2Backend.file(file);
        } else {
            backend = plain ? de.bwaldvogel.mongo.backend.h2.H2Backend.inMemory() : IdIndexedH2Backend.memory();
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
