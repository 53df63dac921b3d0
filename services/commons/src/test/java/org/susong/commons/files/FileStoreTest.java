package org.susong.commons.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Hashes;
import org.susong.commons.rest.ProblemException;

/**
 * Issue 20 item 7: files kept with GridFS on the local store's engine (mongo-java-server), checked before they are
 * written and against their SHA-256 when read.
 */
class FileStoreTest {

    static final Instant NOW = Instant.parse("2026-06-15T02:00:00Z");
    static final byte[] PDF = ("%PDF-1.4\n% a certificate\n" + "x".repeat(300_000)).getBytes(StandardCharsets.ISO_8859_1);

    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    FileStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        db = client.getDatabase("files");
        store = new FileStore(db, "attachments", new FileLimits(400_000, List.of("application/pdf", "image/png")),
                VirusScans.REFUSE_TEST_MARKER, Duration.ofDays(30));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    StoredFile upload(String owner, String type, byte[] content) {
        return store.store(new FileStore.Upload(owner, "certificate.pdf", "CERTIFICATE", type, "o-huli"),
                new ByteArrayInputStream(content), NOW);
    }

    @Test
    void a_file_is_kept_in_chunks_with_its_checksum_and_read_back_equal() {
        StoredFile stored = upload("APP-1", "application/pdf; charset=binary", PDF);
        assertEquals(Hashes.sha256Hex(PDF), stored.sha256());
        assertEquals(PDF.length, stored.sizeBytes());
        assertEquals("application/pdf", stored.contentType());
        assertEquals(NOW.plus(Duration.ofDays(30)), stored.retainUntil());
        assertTrue(db.getCollection("attachments.chunks").countDocuments() > 1, "more than one 255 kB chunk");
        FileStore.Download read = store.open("APP-1", stored.id()).orElseThrow();
        assertArrayEquals(PDF, read.content());
        assertEquals(stored, read.file());
        assertEquals(List.of(stored), store.list("APP-1", null, 10).items());
        assertTrue(store.open("APP-2", stored.id()).isEmpty(), "another owner's id reads nothing");
        assertTrue(store.list("APP-2", null, 10).items().isEmpty());
    }

    @Test
    void the_owners_files_are_paged_in_the_order_stored() {
        StoredFile first = upload("APP-1", "application/pdf", PDF);
        StoredFile second = upload("APP-1", "application/pdf", PDF);
        var page = store.list("APP-1", null, 1);
        assertEquals(List.of(first), page.items());
        assertEquals(List.of(second), store.list("APP-1", page.nextCursor(), 1).items());
        assertEquals(400, assertThrows(ProblemException.class, () -> store.list("APP-1", "nope", 1)).status());
    }

    @Test
    void a_refused_upload_writes_nothing() {
        assertEquals(415, assertThrows(ProblemException.class, () -> upload("APP-1", "text/plain", PDF)).status());
        assertEquals(413, assertThrows(ProblemException.class, () -> upload("APP-1", "application/pdf",
                new byte[400_001])).status());
        ProblemException notPdf = assertThrows(ProblemException.class, () -> upload("APP-1", "application/pdf",
                "MZ not a pdf".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(422, notPdf.status());
        ProblemException infected = assertThrows(ProblemException.class, () -> upload("APP-1", "application/pdf",
                ("%PDF-1.4\n" + VirusScans.TEST_MARKER).getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(422, infected.status());
        assertEquals("file", infected.field());
        assertEquals(0, db.getCollection("attachments.files").countDocuments());
        assertEquals(0, db.getCollection("attachments.chunks").countDocuments());
    }

    @Test
    void a_damaged_file_is_not_served() {
        StoredFile stored = upload("APP-1", "application/pdf", PDF);
        byte[] damaged = PDF.clone();
        damaged[10] = '!';
        db.getCollection("attachments.chunks").updateOne(Filters.and(Filters.eq("files_id", new ObjectId(stored.id())),
                Filters.eq("n", 0)), Updates.set("data", new Binary(java.util.Arrays.copyOf(damaged, 255 * 1024))));
        assertEquals(500, assertThrows(ProblemException.class, () -> store.open("APP-1", stored.id())).status());
    }

    @Test
    void files_past_their_retention_are_found_and_deleted_with_their_chunks() {
        StoredFile stored = upload("APP-1", "application/pdf", PDF);
        assertTrue(store.expired(stored.retainUntil(), 10).isEmpty(), "kept until its retention ends");
        assertEquals(List.of(stored), store.expired(stored.retainUntil().plusMillis(1), 10));
        store.delete(stored.id());
        store.delete(stored.id()); // another replica's sweep
        assertTrue(store.open("APP-1", stored.id()).isEmpty());
        assertEquals(0, db.getCollection("attachments.chunks").countDocuments(new Document()));
    }
}
