package org.susong.commons.files;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.susong.commons.ids.Hashes;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;

/**
 * Files kept in a service's own database with MongoDB GridFS (issue 20 item 7): bucket {@code <bucket>}, collections
 * {@code <bucket>.files} and {@code <bucket>.chunks}, which the service declares in its migrations. An upload is
 * checked before anything is written - its declared type (415), its size (413), its first bytes against that type
 * and the virus scan (422) - then kept with its SHA-256, owner, kind, uploader and the end of its retention in the
 * file's {@code metadata}; a download is checked against that SHA-256 before a byte is served. Times come from the
 * caller's clock (GridFS' own {@code uploadDate} is the machine's and is not used).
 * <p>
 * On the local store (mongo-java-server, infra/local) GridFS works as on MongoDB: the driver creates its indexes on
 * the first upload (the unique {@code files_id, n} one is used, the {@code filename, uploadDate} one is ignored, like
 * every non-unique index there), and reads by {@code metadata.owner} scan the files collection (small documents).
 */
public final class FileStore {

    /** What an upload says about itself; the content comes beside it. */
    public record Upload(String owner, String fileName, String kind, String contentType, String uploadedBy) {
    }

    /** A file and its content, already checked against its SHA-256. */
    public record Download(StoredFile file, byte[] content) {
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FileStore.class);

    private final GridFSBucket bucket;
    private final FileLimits limits;
    private final VirusScan scan;
    private final Duration retention;

    public FileStore(MongoDatabase database, String bucket, FileLimits limits, VirusScan scan, Duration retention) {
        this.bucket = GridFSBuckets.create(database, bucket);
        this.limits = limits;
        this.scan = scan;
        this.retention = retention;
    }

    /**
     * Checks and keeps a file. Nothing is written when a check fails.
     *
     * @throws ProblemException 415 for a type not accepted, 413 for a file too large, 422 for an empty file, a content
     *                          that is not of its declared type or a file the virus scan refused
     */
    public StoredFile store(Upload upload, InputStream body, Instant now) {
        String mediaType = FileLimits.mediaType(upload.contentType());
        if (!limits.accepts(mediaType)) {
            throw new ProblemException(415, "Unsupported media type", "a file of type '" + mediaType + "' is not accepted;"
                    + " accepted: " + String.join(", ", limits.contentTypes()), "Content-Type");
        }
        byte[] content = read(body);
        if (content.length == 0) {
            throw ProblemException.unprocessable("file", "the file is empty");
        }
        FileLimits.contentMismatch(mediaType, content).ifPresent(why -> {
            throw ProblemException.unprocessable("Content-Type", why);
        });
        VirusScan.Verdict verdict = scan.scan(upload.fileName(), mediaType, content);
        if (!verdict.clean()) {
            throw ProblemException.unprocessable("file", "the virus scan refused the file: " + verdict.reason());
        }
        ObjectId id = new ObjectId();
        StoredFile file = new StoredFile(id.toHexString(), upload.owner(), upload.fileName(), upload.kind(), mediaType,
                content.length, Hashes.sha256Hex(content), now, upload.uploadedBy(), now.plus(retention));
        Document metadata = new Document("owner", file.owner()).append("kind", file.kind())
                .append("contentType", file.contentType()).append("sha256", file.sha256())
                .append("uploadedAt", Date.from(file.uploadedAt())).append("uploadedBy", file.uploadedBy())
                .append("retainUntil", Date.from(file.retainUntil()));
        bucket.uploadFromStream(new BsonObjectId(id), file.fileName(), new ByteArrayInputStream(content),
                new GridFSUploadOptions().metadata(metadata));
        return file;
    }

    private byte[] read(InputStream body) {
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw new ProblemException(413, "Request too large", "the file has more than " + limits.maxBytes()
                            + " bytes, the most accepted", "file");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The owner's files in the order they were stored ({@code _id}); the cursor is the last file's id. */
    public Page<StoredFile> list(String owner, String cursor, int limit) {
        Bson filter = Filters.eq("metadata.owner", owner);
        if (cursor != null) {
            if (!ObjectId.isValid(cursor)) {
                throw ProblemException.badRequest("cursor", "not a cursor of this list");
            }
            filter = Filters.and(filter, Filters.gt("_id", new ObjectId(cursor)));
        }
        List<StoredFile> found = new ArrayList<>(limit + 1);
        bucket.find(filter).sort(Sorts.ascending("_id")).limit(limit + 1).forEach(f -> found.add(stored(f)));
        return Page.ofFetched(found, limit, StoredFile::id);
    }

    /**
     * The file of this owner with this id and its content, checked against its SHA-256; empty when the owner has no
     * such file.
     *
     * @throws ProblemException 500 when the content read back differs from what was stored (it is not served)
     */
    public Optional<Download> open(String owner, String fileId) {
        Optional<StoredFile> file = find(owner, fileId);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(file.get().sizeBytes(), Integer.MAX_VALUE));
        try {
            bucket.downloadToStream(new ObjectId(fileId), out);
        } catch (MongoGridFSException e) {
            return Optional.empty(); // deleted (retention) between the two reads
        }
        byte[] content = out.toByteArray();
        String sha256 = Hashes.sha256Hex(content);
        if (!sha256.equals(file.get().sha256())) {
            throw new ProblemException(500, "Stored file damaged", "file " + fileId + " read back with SHA-256 " + sha256
                    + ", stored with " + file.get().sha256() + "; it is not served", null);
        }
        return Optional.of(new Download(file.get(), content));
    }

    /** The file's record, without its content. */
    public Optional<StoredFile> find(String owner, String fileId) {
        if (fileId == null || !ObjectId.isValid(fileId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(bucket.find(Filters.and(Filters.eq("_id", new ObjectId(fileId)),
                Filters.eq("metadata.owner", owner))).first()).map(FileStore::stored);
    }

    /** Files whose retention ended before {@code now}, oldest first, at most {@code max}. */
    public List<StoredFile> expired(Instant now, int max) {
        List<StoredFile> found = new ArrayList<>();
        bucket.find(Filters.lt("metadata.retainUntil", Date.from(now))).sort(Sorts.ascending("_id")).limit(max)
                .forEach(f -> found.add(stored(f)));
        return found;
    }

    /**
     * The retention sweep: deletes the files whose retention ended before {@code now}, oldest first, at most {@code max}
     * (the next sweep goes on), each after {@code before} accepted it - the owner records the deletion first; a file
     * whose {@code before} fails (or answers false) is left to the next sweep.
     *
     * @return the files deleted
     */
    public int deleteExpired(Instant now, int max, java.util.function.Predicate<StoredFile> before) {
        int deleted = 0;
        for (StoredFile file : expired(now, max)) {
            try {
                if (before.test(file)) {
                    delete(file.id());
                    deleted++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "stored file %s of %s not deleted this round", file.id(), file.owner());
            }
        }
        return deleted;
    }

    /** Deletes a file and its chunks; a file already deleted (by another replica's sweep) is no error. */
    public void delete(String fileId) {
        try {
            bucket.delete(new ObjectId(fileId));
        } catch (MongoGridFSException e) {
            // already gone
        }
    }

    private static StoredFile stored(GridFSFile f) {
        Document m = f.getMetadata() == null ? new Document() : f.getMetadata();
        return new StoredFile(f.getObjectId().toHexString(), m.getString("owner"), f.getFilename(), m.getString("kind"),
                m.getString("contentType"), f.getLength(), m.getString("sha256"), m.getDate("uploadedAt").toInstant(),
                m.getString("uploadedBy"), m.getDate("retainUntil").toInstant());
    }
}
