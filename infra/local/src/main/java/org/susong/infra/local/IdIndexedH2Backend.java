package org.susong.infra.local;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, taught one thing real MongoDB does: a query that pins {@code _id}
 * to a value is answered from the {@code _id} index and then filtered, whatever else it asks
 * ({@code {_id: X, version: 5}}, {@code {_id: X, available: {$gte: n}}}, the outbox lease filter).
 * Unchanged, the store scans the whole collection for any query whose fields are not exactly a
 * unique index's keys (docs/toolchain.md#store), which made every guarded single-document update O(n).
 * Storage layout (map names) is the library's own, so data written before stays readable.
 *
 * <p>Second: non-unique indexes, which the library ignores, are kept as {@link OrderedIndex} (in
 * memory, rebuilt from the documents when the store opens), and a query with equality on an
 * index's leading keys and a sort on the rest walks it in order instead of scanning and sorting.
 */
final class IdIndexedH2Backend extends H2Backend {

    private static final String ID = "_id";

    IdIndexedH2Backend(MVStore store) {
        super(store);
    }

    /** A durable store in one file (the library's own {@code MVStore.open}, as H2Backend(String) does). */
    static IdIndexedH2Backend file(String path) {
        return new IdIndexedH2Backend(MVStore.open(path));
    }

    static IdIndexedH2Backend memory() {
        return new IdIndexedH2Backend(MVStore.open(null));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Not static: H2Database's constructor already opens collections, before a field of ours could be set. */
    private final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        /** The library ignores non-unique indexes; this store keeps them ordered in memory (rebuilt when opened). */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           java.util.List<de.bwaldvogel.mongo.backend.IndexKey> keys,
                                                           boolean sparse) {
            return new OrderedIndex(indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the same map names as H2Database, so collections written by the plain backend open unchanged
            String full = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            MVMap<Object, Document> data = store.openMap("databases." + full);
            MVMap<String, Object> meta = store.openMap("meta." + full);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fieldSelector) {
            Object id = pinnedId(query);
            if (id != null) {
                Document byId = new Document(ID, id);
                for (Index<Object> index : getIndexes()) {
                    if (index.getKeys().size() == 1 && ID.equals(index.getKeys().get(0).getKey()) && index.canHandle(byId)) {
                        // at most one candidate; the full query still decides whether it matches
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            OrderedIndex.Plan best = null;
            for (Index<Object> index : getIndexes()) {
                if (index.isUnique() && index.canHandle(query)) {
                    return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector); // exact lookup
                }
            }
            for (Index<Object> index : getIndexes()) {
                if (index instanceof OrderedIndex ordered) {
                    OrderedIndex.Plan plan = ordered.plan(query, orderBy);
                    if (plan != null && (best == null || plan.prefix().size() > best.prefix().size())) {
                        best = plan;
                    }
                }
            }
            if (best != null) {
                // walk in sort order, stop at skip + limit matches; the library then projects (and re-checks) them
                java.util.List<Object> positions = best.walk(this::getDocument, this::documentMatchesQuery, query,
                        limit > 0 ? skip + limit : 0);
                return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * The value {@code _id} must equal for the query to match: at the top level next to other
         * conditions, or inside a top-level {@code $and} (the driver renders {@code Filters.and} so).
         * Null when the query does not pin it (then the library's own plan applies).
         */
        static Object pinnedId(Document query) {
            Object id = query.get(ID);
            if (id != null) {
                return query.size() > 1 && !isOperatorExpression(id) ? id : null;
            }
            if (query.get("$and") instanceof java.util.List<?> conditions) {
                for (Object condition : conditions) {
                    if (condition instanceof Document document && document.get(ID) != null
                            && !isOperatorExpression(document.get(ID))) {
                        return document.get(ID);
                    }
                }
            }
            return null;
        }

        private static boolean isOperatorExpression(Object value) {
            return value instanceof Document document && document.keySet().stream().anyMatch(key -> key.startsWith("$"));
        }
    }
}
