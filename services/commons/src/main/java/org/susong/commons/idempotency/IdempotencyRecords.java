package org.susong.commons.idempotency;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.ids.CanonicalJson;
import org.susong.commons.ids.Hashes;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/**
 * The {@code Idempotency-Key} of a creating {@code POST} (applications' {@code POST /applications}, tech-contracts'
 * {@code POST /contracts}): the key, scoped to the acting principal, the hash of the request and the answer given are
 * kept on the document the request created, <b>in the same insert</b>; a unique sparse index on the key makes a
 * concurrent repeat lose its insert, and the loser answers as a replay of the winner. So one key never creates two
 * documents, and a repeat of the same body gets the first answer ({@code Idempotent-Replayed: true}); another body
 * under the same key is refused (422 naming {@code Idempotency-Key}). The store has no TTL: a record past its
 * retention is forgotten when it is read, and by each service's scheduled {@link #purge}; the document stays.
 */
public final class IdempotencyRecords {

    public static final String HEADER = "Idempotency-Key";
    public static final String KEY = "idempotencyKey";
    public static final String REQUEST_HASH = "requestHash";
    public static final String RESPONSE = "response";
    public static final String EXPIRES_AT = "idempotencyExpiresAt";

    private static final Bson FORGET = Updates.combine(Updates.unset(KEY), Updates.unset(REQUEST_HASH),
            Updates.unset(RESPONSE), Updates.unset(EXPIRES_AT));

    /** What a keyed request leaves on the document it created: scoped key, request hash, the answer, until when. */
    public record Record(String key, String requestHash, Document response, Instant expiresAt) {

        /** The record's fields on the new document (inserted with it, in one write). */
        public Document appendTo(Document document) {
            return document.append(KEY, key).append(REQUEST_HASH, requestHash).append(RESPONSE, response)
                    .append(EXPIRES_AT, Date.from(expiresAt));
        }

        /** A record whose answer is the JSON text the client got (a view record, serialised): the application layer
         * never builds the stored document itself. */
        public static Record of(String key, String requestHash, String responseJson, Instant expiresAt) {
            return new Record(key, requestHash, Document.parse(responseJson), expiresAt);
        }
    }

    /** A stored answer given again: the id its {@code id} field names (the Location) and its JSON text. */
    public record Replayed(String id, String json) {
    }

    private IdempotencyRecords() {
    }

    /** The key as stored: one per acting party (the enterprise an applicant acts for, else the user), never shared. */
    public static String scoped(Principal principal, String idempotencyKey) {
        return idempotencyKey == null ? null : principal.actingFor().orElse(principal.user()) + ":" + idempotencyKey;
    }

    /** The hash a repeat is compared by: canonical JSON (key order and number types do not matter). */
    public static String requestHash(Object request) {
        return Hashes.sha256(CanonicalJson.of(request));
    }

    /** One document per key; sparse: documents created without a key (or whose record was purged) have none. */
    public static void index(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending(KEY), new IndexOptions().unique(true).sparse(true));
    }

    /** The document holding the key's record while its retention lasts; past it the record is forgotten here. */
    public static Optional<Document> find(MongoCollection<Document> collection, String scopedKey, Instant now) {
        Document found = collection.find(Filters.eq(KEY, scopedKey)).first();
        if (found == null) {
            return Optional.empty();
        }
        Date expiresAt = found.getDate(EXPIRES_AT);
        if (expiresAt != null && !expiresAt.toInstant().isAfter(now)) {
            collection.updateOne(Filters.and(Filters.eq(KEY, scopedKey), Filters.lte(EXPIRES_AT, Date.from(now))), FORGET);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /**
     * The answer stored with a record, or 422 naming {@code Idempotency-Key} when {@code requestHash} is not the hash
     * the key was first used with ({@code alsoAccepted}: a hash a record may hold from before a change of hashing).
     *
     * @param createdField the problem's field naming what the key created (e.g. {@code applicationId})
     */
    public static Document answer(Document holder, String requestHash, String createdField, String... alsoAccepted) {
        String stored = holder.getString(REQUEST_HASH);
        boolean same = requestHash.equals(stored);
        for (String other : alsoAccepted) {
            same |= other.equals(stored);
        }
        if (!same) {
            throw ProblemException.unprocessable(HEADER, "this Idempotency-Key was used for a different request body")
                    .with(createdField, holder.get("_id"));
        }
        return holder.get(RESPONSE, Document.class);
    }

    /**
     * The stored answer to a repeat of {@code scopedKey} as {@link Replayed} ({@link #find} then {@link #answer}):
     * empty when no live record holds the key (or it holds no answer), 422 when the body is not the first one.
     */
    public static Optional<Replayed> replay(MongoCollection<Document> collection, String scopedKey, String requestHash,
                                            Instant now, String createdField) {
        return find(collection, scopedKey, now).map(holder -> answer(holder, requestHash, createdField))
                .map(response -> new Replayed(response.getString("id"), response.toJson()));
    }

    /** 409 while the key's first request is still being served ({@link IdempotencyInFlight}). */
    public static ProblemException inProgress() {
        return ProblemException.conflict("a request with this Idempotency-Key is still in progress; repeat it later")
                .with("field", HEADER);
    }

    /** Forgets the records past their retention; the documents stay. Returns how many. */
    public static long purge(MongoCollection<Document> collection, Instant now) {
        return collection.updateMany(Filters.lt(EXPIRES_AT, Date.from(now)), FORGET).getModifiedCount();
    }
}
