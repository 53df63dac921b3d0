package org.susong.commons.files;

import java.time.Instant;

/**
 * A file kept in a service's GridFS bucket.
 *
 * @param id          the GridFS id (24 hex digits)
 * @param owner       the resource it belongs to (an application id, a contract id): its access rules are the file's
 * @param kind        what the file is to its owner (e.g. {@code CERTIFICATE}, {@code CONTRACT})
 * @param sha256      SHA-256 of the content (64 lower-case hex digits), computed at upload and checked at every download
 * @param retainUntil when the retention sweep deletes it
 */
public record StoredFile(String id, String owner, String fileName, String kind, String contentType, long sizeBytes,
                         String sha256, Instant uploadedAt, String uploadedBy, Instant retainUntil) {
}
